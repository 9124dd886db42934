import type { PageContext, PageModule } from "../../app/page";

export const prepare: PageModule["prepare"] = async () => ({
  head: { title: "CPAN Testers", description: "Test reports for every CPAN distribution." },
  maxAge: 5,
});

export function Page(_context: PageContext) {
  return <h1>CPAN Testers</h1>;
}
