// Parses every ```mermaid block of the Markdown files given, with the same parser GitHub's
// renderer uses. A diagram that does not parse shows as an error box on GitHub, so CI fails on it.
// jsdom stands in for the browser: mermaid needs a DOM to load, not to parse.
import { JSDOM } from 'jsdom';
import { readFileSync } from 'node:fs';

const dom = new JSDOM('<!doctype html><html><body></body></html>');
globalThis.window = dom.window;
globalThis.document = dom.window.document;
const { default: mermaid } = await import('mermaid');
mermaid.initialize({ startOnLoad: false });

let diagrams = 0;
const broken = [];
for (const file of process.argv.slice(2)) {
  const text = readFileSync(file, 'utf8');
  for (const match of text.matchAll(/^```mermaid\r?\n([\s\S]*?)^```/gm)) {
    diagrams++;
    const line = text.slice(0, match.index).split('\n').length;
    try {
      await mermaid.parse(match[1]);
    } catch (error) {
      const reason = String(error?.message ?? error).split('\n').slice(0, 3).join('\n    ');
      broken.push(`${file}:${line}: the diagram does not parse:\n    ${reason}`);
    }
  }
}
broken.forEach(message => console.log(message));
console.log(`${diagrams - broken.length} of ${diagrams} Mermaid diagrams parse`);
process.exit(broken.length === 0 && diagrams > 0 ? 0 : 1);
