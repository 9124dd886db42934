/**
 * Perl module and perl versions as comparable numbers: `1.23`, `1.2_01`, `v1.2.3`, `5.36.0`.
 * Dotted versions count three digits a part (`v1.2.3` = 1.002003), as version.pm numifies them.
 * Null for what is not a version (`undef`, `n/a`).
 */
export function versionNumber(version: string): number | null {
  const text = version
    .trim()
    .replace(/_/g, "")
    .replace(/-TRIAL$/i, "");
  const dotted = /^v?(\d+)(?:\.(\d+))(?:\.(\d+))+$/.exec(text) ?? /^v(\d+)(?:\.(\d+))?$/.exec(text);
  if (dotted) {
    const parts = text.replace(/^v/, "").split(".").map(Number);
    return parts.reduce((sum, part, index) => sum + part / 1000 ** index, 0);
  }
  if (/^\d+(?:\.\d*)?$/.test(text)) return Number(text);
  return null;
}

export function compareVersions(a: string, b: string): number {
  const [x, y] = [versionNumber(a), versionNumber(b)];
  if (x === null || y === null) return a < b ? -1 : a > b ? 1 : 0;
  return x - y;
}
