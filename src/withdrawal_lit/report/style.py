"""The report's stylesheet, inlined in the page: readable on a phone, on a wide screen and on
paper; evidence levels and retractions in colour, never by colour alone."""

CSS = """
:root{--ink:#1b1f24;--muted:#4d5661;--line:#c9d1d9;--soft:#f3f5f7;--accent:#0a4f8f;
--bar:#2c5d8a;--bad:#a3001b;--bad-soft:#fff4f5}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{margin:0 auto;max-width:62rem;padding:1rem 1rem 3rem;color:var(--ink);background:#fff;
font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
h1{font-size:1.6rem;line-height:1.25;margin:.5rem 0}
h2{font-size:1.35rem;line-height:1.3;margin:2.5rem 0 .5rem;padding-top:.75rem;
border-top:3px solid var(--accent)}
h3{font-size:1.1rem;margin:1.75rem 0 .5rem}
h4{font-size:1rem;line-height:1.35;margin:.2rem 0}
a{color:var(--accent);text-underline-offset:.15em}
a:focus-visible,[tabindex]:focus-visible{outline:3px solid #b36b00;outline-offset:2px}
.skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:1rem;background:#fff;padding:.5rem}
.lede{color:var(--muted);margin:.25rem 0 1rem}
.muted{color:var(--muted)}
code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.9em}
pre.term{white-space:pre-wrap;overflow-wrap:anywhere;margin:.5rem 0;padding:.6rem .75rem;
background:var(--soft);border-left:4px solid var(--accent);font-size:.85rem;line-height:1.45;
font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
pre.translation{border-left-color:var(--line);font-size:.78rem}
pre.old{border-left-color:var(--line)}
ol.versions{list-style:none;padding:0}ol.versions p{margin:.5rem 0 0}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.15rem 1rem;margin:.5rem 0}
dl.facts dt{font-weight:600}dl.facts dd{margin:0}
.note{background:#fff8e1;border-left:4px solid #b36b00;padding:.5rem .75rem}
nav ol{padding-left:1.5rem}nav li{margin:.2rem 0}
table{border-collapse:collapse;width:100%;font-size:.9rem}
caption{text-align:left;font-weight:600;padding:.25rem 0;color:var(--muted);font-size:.85rem}
th,td{text-align:left;vertical-align:top;padding:.3rem .5rem;border-bottom:1px solid var(--line)}
thead th{border-bottom:2px solid var(--ink)}
tfoot th,tfoot td{border-top:2px solid var(--line);font-weight:600}
.num{text-align:right;font-variant-numeric:tabular-nums}
.nowrap{white-space:nowrap}
.scroll{overflow-x:auto}
.figure{display:grid;grid-template-columns:1fr;gap:.75rem 1.5rem;align-items:start}
svg.chart{display:block;width:100%;max-width:26rem;height:auto;font-family:inherit}
svg .bar{fill:var(--bar)}svg .axis{stroke:var(--ink);stroke-width:1}
svg .grid{stroke:var(--line);stroke-dasharray:3 3}
svg .lbl{font-size:13px;fill:var(--ink)}svg .val{font-size:13px;font-weight:600;fill:var(--ink)}
svg .tick{font-size:12px;fill:var(--muted)}svg .mid{text-anchor:middle}svg .end{text-anchor:end}
ol.papers{list-style:none;padding:0;margin:0}
ol.papers>li{border:1px solid var(--line);border-radius:6px;padding:.6rem .8rem;margin:.6rem 0}
ol.papers>li.retracted{border:2px solid var(--bad);background:var(--bad-soft)}
.tags{margin:0;font-size:.85rem;display:flex;flex-wrap:wrap;gap:.35rem;align-items:center}
.rank{font-weight:700}
.badge{padding:.05rem .45rem;border-radius:3px;border:1px solid var(--line)}
.badge.l1{background:#dcefdc;border-color:#6fa36f}.badge.l2{background:#e6f3e0;border-color:#8ab88a}
.badge.l3{background:#fff3c4;border-color:#c9a400}.badge.l4{background:#fde4cf;border-color:#d08a4c}
.badge.l5{background:#efe3f5;border-color:#a57bbf}.badge.l6{background:#eceff1}
.level{color:var(--muted)}
.flag{background:var(--bad);color:#fff;font-weight:700;font-size:.78rem;letter-spacing:.04em;
padding:.05rem .4rem;border-radius:3px}
.flag.concern{background:#7a3e00}
.meta{margin:.15rem 0;font-size:.88rem;color:var(--muted)}
.bottom{margin:.35rem 0 0}
ul.retractions{padding-left:1.2rem}ul.retractions li{margin:.3rem 0}
footer{margin-top:3rem;color:var(--muted);font-size:.85rem;border-top:1px solid var(--line)}
@media (max-width:40rem){
table.log thead{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%)}
table.log,table.log tbody,table.log tr,table.log th,table.log td{display:block}
table.log tr{border-bottom:1px solid var(--line);padding:.35rem 0}
table.log th,table.log td{border:0;padding:.05rem .25rem;text-align:left}
table.log td{display:flex;gap:.5rem}
table.log td::before{content:attr(data-label);min-width:7.5rem;color:var(--muted)}
table.log td:empty{display:none}
table.log caption{display:block}
}
@media (min-width:48rem){
body{padding:1.5rem 2rem 3rem}
.data{max-height:24rem;overflow:auto}
h1{font-size:2rem}
.figure{grid-template-columns:minmax(0,3fr) minmax(13rem,2fr)}
}
@media print{
@page{margin:15mm}
body{max-width:none;padding:0;font-size:10pt}
.skip{display:none}
a{color:inherit}
.data,.scroll{max-height:none;overflow:visible}
.figure{grid-template-columns:minmax(0,3fr) minmax(0,2fr)}
section{break-before:page}
h2,h3,h4{break-after:avoid}
ol.papers>li,tr,.figure,svg{break-inside:avoid}
ol.papers>li.retracted{background:none}
.flag{border:1px solid #000}
}
"""
