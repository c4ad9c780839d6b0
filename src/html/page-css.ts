// The page's one stylesheet: light, high-contrast (it projects and prints), Japanese first. Fonts are
// the system's; nothing is fetched.
export const PAGE_CSS = `
:root{--fg:#1f2328;--muted:#59636e;--line:#d1d9e0;--ok:#1a7f37;--ok-bg:#dafbe1;--bad:#cf222e;--bad-bg:#ffebe9;--warn:#9a6700;--warn-bg:#fff8c5;--code-bg:#f6f8fa;--out-bg:#f5f5f0;
--sans:"Noto Sans CJK JP","Noto Sans JP","Hiragino Sans","Hiragino Kaku Gothic ProN","Yu Gothic UI","Yu Gothic",Meiryo,system-ui,sans-serif;
--mono:"Noto Sans Mono CJK JP","Noto Sans Mono","DejaVu Sans Mono",ui-monospace,Menlo,Consolas,"Noto Sans CJK JP","Hiragino Sans",monospace}
html{font-family:var(--sans);font-size:17px;line-height:1.8;color:var(--fg);background:#fff;-webkit-text-size-adjust:100%}
html:lang(en){line-height:1.6}
body{margin:0}
main{max-width:60rem;margin:0 auto;padding:1rem 1.25rem 5rem}
p,li,h1,h2,h3,h4,h5,h6,figcaption,td,th,summary,.label,.verdict,.note,blockquote{line-break:strict;word-break:normal;overflow-wrap:anywhere;text-autospace:normal;text-spacing-trim:normal;hanging-punctuation:allow-end}
:lang(ja) p,:lang(ja) li{text-align:justify;text-justify:inter-character}
code,pre,kbd,samp{font-family:var(--mono);font-size:.88em;text-autospace:no-autospace}
:not(pre)>code{background:var(--code-bg);border:1px solid var(--line);border-radius:4px;padding:0 .25em;margin:0 .1em;overflow-wrap:anywhere}
pre{white-space:pre-wrap;overflow-wrap:anywhere;word-break:normal;line-break:auto;margin:0;padding:.6rem .8rem;border-radius:6px;tab-size:4;line-height:1.5}
pre.shiki,pre.plain{background:var(--code-bg)!important;border:1px solid var(--line)}
a{color:#0550ae}
h1{font-size:1.9rem;line-height:1.3;margin:.5rem 0}
h2{font-size:1.45rem;line-height:1.4}
h3{font-size:1.2rem}h4,h5,h6{font-size:1.05rem}
header.run .summary{font-size:1.15rem;margin:.3rem 0}
.meta,.note{color:var(--muted);font-size:.92rem}
nav.plan ol{padding-left:1.8rem;columns:2 18rem;column-gap:2rem}
nav.plan li{break-inside:avoid}
nav.plan li.exercise::marker{content:counter(list-item) ". ✎ "}
nav.plan code{font-size:.75em;color:var(--muted);border:0;background:none}
nav.plan h2{font-size:1.1rem}
section.step,section.teardown,section.run-ended,section.intro{margin-top:2.5rem}
section.step{border-top:4px solid var(--fg);padding-top:.4rem}
section.step>h2{margin:.2rem 0 .6rem}
section.step>h2 .n{display:block;font-size:.85rem;font-weight:600;color:var(--muted);letter-spacing:.02em}
section.step.exercise{border-top-color:#8250df}
section.step.exercise>h2 .n{color:#8250df}
.when{font-size:.8rem;font-weight:normal;border:1px solid var(--line);border-radius:999px;padding:0 .5em;margin-left:.4em;vertical-align:middle}
figure{margin:1rem 0}
figcaption{font-size:.85rem;font-weight:700;color:var(--muted);margin-bottom:.2rem}
figure.block.step figcaption{color:var(--fg)}
figure.block.step pre.shiki{border-left:5px solid var(--fg);font-size:1rem}
figure.block.source pre,figure.block.prelude pre,figure.block.teardown pre{font-size:.8rem}
.runs:empty{display:none}
.run{margin:.4rem 0 0 1rem}
pre.output{background:var(--out-bg);border:1px solid var(--line);border-left:4px solid #8c959f;font-size:.82rem}
pre.output:empty::before{content:attr(data-empty);color:var(--muted)}
.run.quiet pre.output{opacity:.75}
.run-code{font-size:.8rem}
.result{font-family:var(--mono);font-size:.82rem;margin:.2rem 0 .6rem;color:var(--muted)}
.result.ok{color:var(--ok)}.result.failed{color:var(--bad);font-weight:700}.result.exited{color:var(--warn)}
.check{border:1px solid var(--line);border-radius:6px;padding:.25rem .7rem;margin:.45rem 0;background:#fff}
.check>.mark{font-weight:700;display:inline-block;min-width:1.2em}
.check details.code summary{font-size:.8rem;color:var(--muted);cursor:pointer}
.check details.code pre{font-size:.78rem}
.check .verdict{display:none}
.claim.held{border-color:var(--ok);background:var(--ok-bg)}.claim.held>.mark{color:var(--ok)}
.claim.failed{border-color:var(--bad);background:var(--bad-bg)}.claim.failed>.mark{color:var(--bad)}
.claim.failed>.label{display:none}.claim.failed>.verdict{display:inline;font-weight:700;color:var(--bad)}
.claim.interrupted,.claim.not-yet{border-color:var(--warn);background:var(--warn-bg)}
.claim-output{margin:.3rem 0;font-size:.78rem;background:#fff}
.changes{border:1px solid var(--line);border-radius:6px;padding:.3rem .8rem;margin:.6rem 0}
.changes .title{font-weight:700;margin:.2rem 0}
.changes.none{color:var(--muted)}
.changes ul{list-style:none;padding:0;margin:0;font-family:var(--mono);font-size:.82rem;line-height:1.55}
.change{padding-left:1.4em;text-indent:-1.4em;overflow-wrap:anywhere}
.change .mark{font-weight:700;display:inline-block;width:1em;text-indent:0}
.change.added .mark{color:var(--ok)}.change.removed .mark{color:var(--bad)}.change.changed .mark{color:var(--warn)}
figure.picture{overflow-x:auto;margin:.6rem 0}
svg.network{max-width:100%;height:auto;display:block}
svg.network text{font-family:var(--mono);font-size:12px;fill:var(--fg)}
svg.network text.title{font-weight:700}svg.network text.note{fill:var(--bad);font-size:11px}
svg.network rect{fill:#fff;stroke:#57606a;stroke-width:1.2}
svg.network rect.host{fill:var(--code-bg)}svg.network rect.bridge{fill:#ddf4ff;stroke:#0969da}
svg.network rect.veth{fill:var(--warn-bg);stroke:var(--warn)}svg.network rect.netns{fill:var(--ok-bg);stroke:var(--ok)}
svg.network rect.gone,svg.network rect.hidden,svg.network rect.missing,svg.network rect.empty{stroke-dasharray:5 3}
svg.network line.wire{stroke:#57606a;stroke-width:2}svg.network line.loose{stroke:var(--bad);stroke-dasharray:5 3}
svg.network line.pair{stroke:var(--warn);stroke-width:2}
figure.isolation pre,figure.state pre{font-size:.8rem;background:var(--code-bg);border:1px solid var(--line)}
details{margin:.5rem 0}
details>summary{cursor:pointer;font-weight:600}
details.more{border-left:3px solid var(--line);padding-left:.8rem}
details.hint,details.solution{border:1px dashed #8250df;border-radius:6px;padding:.2rem .7rem}
details.hint>summary,details.solution>summary{color:#8250df}
.hint-shown,.solution-shown{border-left:4px solid #8250df;padding:.1rem .8rem;margin:.5rem 0}
.hint-shown .title,.solution-shown .title{font-weight:700;color:#8250df;margin:.2rem 0}
.step-end.failed,.step-end.interrupted,.note.failed{color:var(--bad);font-weight:700}
.removed{font-size:.85rem;margin:.1rem 0;color:var(--muted)}.removed.failed{color:var(--bad)}
section.run-ended{border-top:4px double var(--fg);padding-top:.4rem}
section.run-ended.ok h2{color:var(--ok)}section.run-ended.failed h2{color:var(--bad)}
blockquote{margin:.8rem 0;padding:.1rem 1rem;border-left:4px solid var(--line);color:#3d444d}
.table{overflow-x:auto}table{border-collapse:collapse;margin:.6rem 0}td,th{overflow-wrap:break-word;border:1px solid var(--line);padding:.2rem .6rem;vertical-align:top}th{background:var(--code-bg)}
#jump{position:fixed;right:1.2rem;bottom:1.2rem;font:inherit;font-size:1rem;font-weight:700;padding:.6rem 1.1rem;border-radius:999px;border:2px solid var(--fg);background:#fff;color:var(--fg);box-shadow:0 2px 8px rgba(0,0,0,.25);cursor:pointer;z-index:10}
#status{position:fixed;left:0;right:0;top:0;text-align:center;font-size:.9rem;background:var(--warn-bg);color:var(--fg);padding:.2rem;z-index:10}
#status:empty,[hidden]{display:none!important}
#keys{position:fixed;right:.8rem;bottom:.4rem;color:var(--muted)}
#langs{position:fixed;right:.8rem;top:.4rem;font-size:.85rem;background:rgba(255,255,255,.9);padding:.1rem .5rem;border-radius:4px;z-index:10}
table.room{width:100%}table.room tr.stuck td{background:var(--bad-bg)}
html.view-presenter{font-size:clamp(20px,2.2vw,40px)}
body.view-presenter main{max-width:none;padding:1rem 3vw 3rem}
body.view-presenter main>*{display:none;margin:0;min-height:calc(100vh - 4rem)}
body.view-presenter main>.shown{display:block}
body.view-presenter #keys{background:rgba(255,255,255,.9);padding:0 .4rem;font-size:.6rem}
@page{size:A4;margin:15mm}
@media print{
html,html.view-presenter{font-size:10pt;line-height:1.65}
main{max-width:none;padding:0}
.live-only,#jump,#status,#keys{display:none!important}
section.step{break-before:page;border-top:none}
section.step>h2{border-bottom:2px solid var(--fg);padding-bottom:.2rem}
h1,h2,h3,h4,figcaption,summary{break-after:avoid}
.check,.result,.change,figure.picture,svg.network{break-inside:avoid}
pre{border-radius:0}
a{color:inherit;text-decoration:none}
body.view-presenter main>*{display:block;min-height:0}
}
`
