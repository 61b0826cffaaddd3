// Accessibility audit: axe-core (npm, run inside the page, shadow DOM
// included) over every view of the widget on both demo pages, at desktop
// and phone width, with the WCAG 2.x A/AA rules and axe's best practices.
// Any violation fails, with what axe says to fix.
//
// One rule is off: label-content-name-mismatch (WCAG 2.5.3). Each result is
// a listbox option named by its title and described by its badges and
// snippet (aria-labelledby / aria-describedby), so that moving through the
// list reads the titles first; axe counts the whole snippet as the option's
// visible label. The test checks that naming itself instead.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { DEMO_VIEWS, startServer, launch, newPage, openWidget, axeViolations as audit, DESKTOP, PHONE } from "./harness.mjs";

let server;
let browser;
before(async () => {
  server = await startServer();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

// The demo page's views, and the widget embedded in an article.
const views = [
  ...DEMO_VIEWS,
  ["embedded in an article", "www/embed.html?s.q=拉萨", "yuliao-search .hit"],
  ["embedded, concordance", "www/embed.html?s.q=党建&s.view=concordance", "yuliao-search .line"],
  ["embedded, collocates", "www/embed.html?s.q=党建&s.view=collocates", "yuliao-search .stats-table tbody tr"],
];

for (const [width, viewport] of [["desktop", DESKTOP], ["phone", PHONE]]) {
  test(`axe finds no WCAG A/AA or best-practice violation in any view at ${width} width`, async () => {
    const page = await newPage(browser, { viewport });
    page.on("console", () => {}); // the broken module's 404 is expected
    const found = [];
    for (const [view, path, shows, prepare] of views) {
      await openWidget(page, `${server.url}${path}`);
      await prepare?.(page);
      await page.locator(shows).first().waitFor();
      for (const v of await audit(page)) found.push(`${view}: ${v}`);
    }
    assert.deepEqual(found, []);
  });
}

test("each result is named by its title and described by its badges and snippet", async () => {
  const page = await newPage(browser);
  await openWidget(page, `${server.url}www/index.html?q=拉萨`);
  await page.locator("yuliao-search .hit").first().waitFor();
  const options = await page.locator("yuliao-search [role=option]").evaluateAll((els) =>
    els.map((el) => {
      const text = (ids) => (ids ?? "").split(" ").filter(Boolean).map((id) => el.getRootNode().getElementById(id)?.textContent ?? "").join(" ");
      return {
        name: text(el.getAttribute("aria-labelledby")),
        title: el.querySelector(".hit-title")?.textContent,
        description: text(el.getAttribute("aria-describedby")),
        snippet: el.querySelector(".snippet")?.textContent,
      };
    }));
  assert.equal(options.length, 10);
  for (const o of options) {
    assert.ok(o.title, "a title");
    assert.equal(o.name, o.title);
    assert.ok(o.description.includes(o.snippet), `the snippet is in the description: ${o.description}`);
  }
});
