/** The weekday × hour slot (UTC, weekday 1 = Monday … 7 = Sunday) of a moment, within its month. */
export function weekHourOf(date: Date): { month: string; weekday: string; hour: string } {
  return {
    month: `${date.toISOString().slice(0, 7)}-01`,
    weekday: String(date.getUTCDay() || 7),
    hour: String(date.getUTCHours()),
  };
}
