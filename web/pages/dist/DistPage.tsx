import type { PageContext, PageModule } from "../../app/page";

export const prepare: PageModule["prepare"] = async (_client, { params }) => ({
  head: { title: `${params.dist} · CPAN Testers`, description: `Test reports of ${params.dist}.` },
  maxAge: 5,
});

export function Page({ params }: PageContext) {
  return <h1>{params.dist}</h1>;
}
