// Canned answers for the mock /v1/chat/completions, chosen by words in the last prompt.

export const ANSWERS = {
  table: `Here is how the three plans compare on a typical month of use:

| Plan | Requests | Input tokens | Output tokens | Cost |
| --- | ---: | ---: | ---: | ---: |
| Starter | 1,200 | 2.4 M | 0.6 M | $12.00 |
| Team | 8,500 | 17.0 M | 4.2 M | $84.50 |
| Scale | 41,000 | 82.0 M | 20.5 M | $398.00 |

The **Team** plan is the best value per request once you pass about 5,000 requests a month.`,

  code: `A small, dependency-free retry helper with exponential backoff:

\`\`\`ts
export async function retry<T>(fn: () => Promise<T>, attempts = 4): Promise<T> {
  let delay = 250;
  for (let i = 1; ; i++) {
    try {
      return await fn();
    } catch (error) {
      if (i >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, delay));
      delay *= 2; // 250 ms, 500 ms, 1 s, …
    }
  }
}
\`\`\`

Call it as \`await retry(() => fetch(url))\`. The loop stops after \`attempts\` tries and rethrows the last error.`,

  math: `The softmax turns scores into probabilities:

$$
\\sigma(z)_i = \\frac{e^{z_i}}{\\sum_{j=1}^{K} e^{z_j}}
$$

For two classes it reduces to the logistic function $\\sigma(x) = \\frac{1}{1 + e^{-x}}$, and the cross-entropy loss is $L = -\\sum_i y_i \\log \\hat{y}_i$.`,

  xss: `Here is some HTML a model should never be able to run:

<script>alert("xss")</script>
<img src=x onerror="alert('xss')">
[click me](javascript:alert('xss'))

And an inline <b onmouseover="alert(1)">bold</b> tag.`,

  long: Array.from(
    { length: 40 },
    (_, i) =>
      `${i + 1}. Paragraph ${i + 1}: streaming text keeps arriving token by token while the page stays responsive, and the renderer only repaints the last block each frame.`,
  ).join('\n'),

  // About 1,500 tokens of mixed content, for timing the renderer (prompt: "benchmark").
  benchmark: Array.from(
    { length: 12 },
    (_, i) => `## Part ${i + 1}

Streaming text keeps arriving token by token while the page stays responsive. This part has a list, a table and some code.

- first point about part ${i + 1}
- second point, with **bold** and \`code\`

| a | b | c |
| --- | --- | --- |
| ${i} | ${i * 2} | ${i * 3} |

\`\`\`js
for (let k = 0; k < ${i + 3}; k++) console.log(k * ${i + 1});
\`\`\``,
  ).join('\n\n'),

  fallback: `Sure. Here are the key points:

- **Routing** picks a deployment for each request, with fallbacks when one fails.
- **Budgets** are checked before a request goes out, and the ledger records what it cost.
- **Keys** you hold for several providers stay on the server; this page never sees them.

Ask for a *table*, some *code* or some *math* to see how answers render. See [the docs](https://example.com/docs) for more.`,
};

export const REASONING =
  'The person asks a question. I should answer briefly, lead with the main point, and show the figures plainly.';

export function pickAnswer(prompt) {
  const p = prompt.toLowerCase();
  if (p.includes('xss')) return ANSWERS.xss;
  if (p.includes('table') || p.includes('compare plans')) return ANSWERS.table;
  if (p.includes('code') || p.includes('retry')) return ANSWERS.code;
  if (p.includes('math') || p.includes('softmax')) return ANSWERS.math;
  if (p.includes('benchmark')) return ANSWERS.benchmark;
  if (p.includes('long')) return ANSWERS.long;
  return ANSWERS.fallback;
}

/** Splits text into token-sized pieces (words with their following space). */
export function tokenize(text) {
  return text.match(/\S+\s*|\s+/g) ?? [];
}
