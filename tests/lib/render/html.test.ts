import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, escapeHtml, html, htmlDocument, Html } from '../../../lib/render/html.js';

describe('escapeHtml', () => {
  it('escapes the five characters that matter in text and quoted attributes', () => {
    expect(escapeHtml(`<a href="x" title='y'>&amp;</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;');
  });

  it('leaves other text, unicode included, as it is', () => {
    expect(escapeHtml('Norrland–Castellan ÅÄÖ §14.2 (a)')).toBe('Norrland–Castellan ÅÄÖ §14.2 (a)');
  });
});

describe('html template', () => {
  it('escapes interpolated strings and numbers but keeps nested Html', () => {
    const inner = html`<b>${'<i>'}</b>`;
    expect(html`<p title="${'"x"'}">${inner}${3}${null}${undefined}${false}</p>`.value).toBe('<p title="&quot;x&quot;"><b>&lt;i&gt;</b>3</p>');
  });

  it('joins arrays, escaping each item', () => {
    expect(html`<ul>${['<a>', html`<li>ok</li>`]}</ul>`.value).toBe('<ul>&lt;a&gt;<li>ok</li></ul>');
  });
});

describe('htmlDocument', () => {
  it('allows exactly its inline script by hash and nothing from outside', () => {
    const script = 'document.body.dataset.ready = "yes";';
    const page = htmlDocument({ title: 'T <1>', css: 'p{}', script, body: new Html('<p>x</p>') });
    const hash = createHash('sha256').update(script).digest('base64');
    expect(page).toContain(`script-src &#39;sha256-${hash}&#39;`);
    expect(page).toContain('default-src &#39;none&#39;');
    expect(page).toContain(`<script>${script}</script>`);
    expect(page).toContain('<title>T &lt;1&gt;</title>');
    // The policy precedes the style and the script, so it governs both.
    expect(page.indexOf('Content-Security-Policy')).toBeLessThan(page.indexOf('<style>'));
  });

  it('forbids scripts altogether when the page has none', () => {
    expect(contentSecurityPolicy(null)).toContain("script-src 'none'");
    expect(htmlDocument({ title: 't', css: '', body: new Html('') })).not.toContain('<script');
  });

  it('refuses a script that would close its own element', () => {
    expect(() => htmlDocument({ title: 't', css: '', script: 'a = "</script>"', body: new Html('') })).toThrow(/script/);
  });
});
