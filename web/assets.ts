// The pages' only stylesheet and script, served from /static (no CDN, no build step).
export const CSS = `
:root{--blue:#0b4f8a;--ink:#1a1a1a;--muted:#4a4a4a;--line:#8a8a8a;--bg:#f4f6f9;--ok:#1e6b34;--warn:#8a4b00;--err:#b00020}
*{box-sizing:border-box}
body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Arial,sans-serif;font-size:1rem;line-height:1.5;color:var(--ink);background:#fff}
a{color:var(--blue)}a:hover{text-decoration-thickness:2px}
:focus-visible{outline:3px solid #ffbf47;outline-offset:2px}
.skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:1rem;background:#fff;padding:.5rem;z-index:10}
header.site{background:var(--blue);color:#fff;padding:.6rem 1rem;display:flex;align-items:center;flex-wrap:wrap;gap:.5rem 1.5rem}
ul.tabs{display:flex;flex-wrap:wrap;gap:.5rem 1.25rem;list-style:none;padding:0}ul.tabs a[aria-current]{font-weight:bold;color:var(--ink)}ul.plain{list-style:none;margin:0;padding:0}form.filters{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:flex-end}
footer.site{border-top:1px solid #ccc;margin-top:3rem;padding:1rem;font-size:.9rem}
header.site a{color:#fff}header.site .brand{font-weight:bold;font-size:1.2rem;text-decoration:none}
header.site nav ul{display:flex;flex-wrap:wrap;gap:1rem;list-style:none;margin:0;padding:0}
header.site .who{margin-left:auto;display:flex;align-items:center;gap:.75rem}
header.site .who button{margin:0;padding:.2rem .6rem;background:transparent;color:#fff;border-color:#fff}
main{max-width:72rem;margin:0 auto;padding:1rem}
h1{font-size:1.75rem;margin:.5rem 0 1rem}h2{font-size:1.35rem;margin-top:2rem}h3{font-size:1.1rem}
table{border-collapse:collapse;width:100%;margin:1rem 0}caption{text-align:left;font-weight:bold;padding:.25rem 0}
th,td{border:1px solid var(--line);padding:.4rem .6rem;text-align:left;vertical-align:top}
thead th{background:#e7edf5}.num{text-align:right;font-variant-numeric:tabular-nums}
.status{display:inline-block;padding:.1rem .5rem;border-radius:1rem;border:1px solid currentColor;font-size:.9rem;white-space:nowrap}
.status.ok{color:var(--ok)}.status.warn{color:var(--warn)}.status.err{color:var(--err)}.status.muted{color:var(--muted)}
label{display:block;font-weight:600;margin:.75rem 0 .25rem}.check{display:flex;align-items:baseline;gap:.5rem;margin:.5rem 0}.check label{display:inline;margin:0;font-weight:normal}
.hint{color:var(--muted);font-size:.95rem;margin:.1rem 0 .3rem}
input[type=text],input[type=email],input[type=date],input[type=number],input[type=password],select,textarea{font:inherit;padding:.45rem;border:2px solid var(--ink);border-radius:2px;width:100%;max-width:40rem}
input[type=number]{max-width:10rem}input[type=date]{max-width:14rem}textarea{min-height:7rem}
fieldset{min-width:0}.scroll{overflow-x:auto}.table-question td input.text,.table-question td textarea{min-width:11rem}.table-question td select{min-width:9rem}.table-question td input.number{min-width:5rem}.table-question td textarea{min-height:3.5rem}
.invalid{border-color:var(--err)!important}.error{color:var(--err);font-weight:600;margin:.2rem 0}
button,.button{font:inherit;font-weight:600;background:var(--blue);color:#fff;border:2px solid var(--blue);border-radius:3px;padding:.5rem 1rem;cursor:pointer;text-decoration:none;display:inline-block;margin:.5rem .5rem .5rem 0}
button.secondary,.button.secondary{background:#fff;color:var(--blue)}
button.danger{background:var(--err);border-color:var(--err)}
fieldset{border:1px solid var(--line);padding:.5rem 1rem 1rem;margin:1rem 0}legend{font-weight:bold;font-size:1.1rem;padding:0 .3rem}
.summary{border:3px solid var(--err);padding:.75rem 1rem;margin:1rem 0}.summary h2{margin-top:0;font-size:1.2rem}
.notice{border-left:6px solid var(--blue);background:var(--bg);padding:.75rem 1rem;margin:1rem 0}
.notice.ok{border-color:var(--ok)}.notice.warn{border-color:var(--warn)}
ol.hits{list-style:none;padding:0}ol.hits li{border-bottom:1px solid var(--line);padding:.5rem 0}ol.hits h3{margin:.2rem 0;font-size:1.05rem}ol.hits p{margin:.2rem 0}
mark{background:#ffe47a;color:var(--ink);padding:0 .1em}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem}dl.facts dt{font-weight:bold}dl.facts dd{margin:0}
details{margin:.25rem 0}summary{cursor:pointer;color:var(--blue);font-weight:600}
p.progress{display:flex;flex-wrap:wrap;align-items:center;gap:.25rem 1rem}p.progress label{margin:0}progress{width:16rem;height:1.1rem;accent-color:var(--ok)}
form.bulk fieldset{display:flex;flex-wrap:wrap;align-items:flex-start;gap:.5rem 1rem}form.bulk legend{font-size:1rem}form.bulk .hint{flex-basis:100%;margin:0}
table.board td,table.board th{padding:.3rem .5rem}details.menu>summary{white-space:nowrap}details.menu[open]>.menu-items{border-left:3px solid var(--line);padding:.25rem 0 .25rem .75rem;margin-top:.25rem}
svg.timeline-chart{max-width:48rem;display:block;margin:.5rem 0}svg.timeline-chart .seg{stroke:#fff;stroke-width:1}svg.timeline-chart .seg.done{fill:var(--ok)}svg.timeline-chart .seg.now{fill:var(--blue)}svg.timeline-chart .seg.next{fill:#c5d3e3}
svg.timeline-chart .mark line{stroke:var(--ink);stroke-width:2}svg.timeline-chart .mark.today line{stroke:var(--blue);stroke-dasharray:3 2}svg.timeline-chart .mark.risk line{stroke:var(--err);stroke-width:3}svg.timeline-chart .mark.risk text{fill:var(--err);font-weight:bold}svg.timeline-chart .axis{font-size:11px;fill:var(--muted)}svg.timeline-chart .seg-label{font-size:10px;fill:var(--ink)}svg.timeline-chart .seg-label.done,svg.timeline-chart .seg-label.now{fill:#fff}svg.timeline-chart .mark text{font-size:10px;fill:var(--ink)}
figure.cu-timeline{margin:1rem 0;border-bottom:1px solid #ddd;padding-bottom:.5rem}figure.cu-timeline figcaption{font-weight:600}
ol.timeline{list-style:none;padding:0;border-left:4px solid var(--line);margin-left:.5rem}
ol.timeline li{padding:.25rem 0 .75rem 1rem;position:relative}
ol.timeline li::before{content:"";position:absolute;left:-.7rem;top:.55rem;width:1rem;height:1rem;border-radius:50%;background:#fff;border:3px solid var(--line)}
ol.timeline li.done::before{background:var(--ok);border-color:var(--ok)}ol.timeline li.current::before{border-color:var(--blue);background:var(--blue)}
.inline-form{display:flex;gap:.5rem;align-items:flex-end;flex-wrap:wrap}.inline-form label{margin:0}
.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
label.choice{display:inline;font-weight:normal}
.cols{display:flex;flex-wrap:wrap;gap:0 1.5rem}.cols>div{flex:1 1 12rem}
fieldset.question textarea[name$=".settings"]{font-family:ui-monospace,monospace;font-size:.9rem;min-height:12rem;width:100%}
section.preview{border:2px dashed var(--line);padding:0 1rem 1rem;margin:2rem 0}
nav.choices ul{display:flex;flex-wrap:wrap;gap:.5rem 1.5rem;list-style:none;padding:0}nav.choices a[aria-current]{font-weight:bold}
`;

// Keeps regions marked data-live up to date: fetches the page again and swaps the region when it
// changed, never while the user is typing inside it.
export const JS = `
(function () {
  var regions = document.querySelectorAll('[data-live]');
  if (!regions.length) return;
  setInterval(function () {
    fetch(location.href, { headers: { 'X-Udmeld-Live': '1' }, credentials: 'same-origin' })
      .then(function (r) { return r.ok ? r.text() : null; })
      .then(function (text) {
        if (!text) return;
        var doc = new DOMParser().parseFromString(text, 'text/html');
        regions.forEach(function (region) {
          if (region.contains(document.activeElement) && document.activeElement !== document.body) return;
          var fresh = doc.getElementById(region.id);
          if (fresh && fresh.innerHTML !== region.innerHTML) region.innerHTML = fresh.innerHTML;
        });
      })
      .catch(function () {});
  }, 5000);
})();
(function () {
  // A form marked data-preview shows its timeline again whenever a value changes: the same request as
  // its preview button, and the page's region (data-preview-target) taken from the answer.
  document.querySelectorAll('form[data-preview]').forEach(function (form) {
    var timer;
    var target = document.getElementById(form.getAttribute('data-preview-target'));
    if (!target) return;
    form.addEventListener('change', function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        var body = new URLSearchParams(new FormData(form));
        body.set('handling', form.getAttribute('data-preview'));
        fetch(location.href, { method: 'POST', body: body, credentials: 'same-origin' })
          .then(function (r) { return r.ok ? r.text() : null; })
          .then(function (text) {
            if (!text) return;
            var fresh = new DOMParser().parseFromString(text, 'text/html').getElementById(target.id);
            if (fresh) target.innerHTML = fresh.innerHTML;
          })
          .catch(function () {});
      }, 400);
    });
  });
})();
`;
