// Progressive enhancement only: every form works without this file.
// Adds a slider beside number fields marked data-slider (visual analogue scales); the
// number field stays the real, labelled input, so screen readers and keyboards keep it.
document.querySelectorAll("input[data-slider]").forEach(function (number) {
  var range = document.createElement("input");
  range.type = "range";
  range.min = number.dataset.min || "0";
  range.max = number.dataset.max || "100";
  range.step = number.dataset.step || "1";
  range.value = number.value || range.min;
  range.setAttribute("aria-hidden", "true");
  range.tabIndex = -1;
  var labels = document.createElement("div");
  labels.className = "slider-labels";
  labels.setAttribute("aria-hidden", "true");
  var low = document.createElement("span");
  low.textContent = number.dataset.low || "";
  var high = document.createElement("span");
  high.textContent = number.dataset.high || "";
  labels.append(low, high);
  range.addEventListener("input", function () { number.value = range.value; });
  number.addEventListener("input", function () { if (number.value !== "") range.value = number.value; });
  number.after(range, labels);
});
// Move focus to an error summary so it is read out first.
var summary = document.querySelector(".error-summary");
if (summary) summary.focus();
// Questions turned on by other answers (FHIR enableWhen), evaluated live. The server
// evaluates the same rules when the page is sent, so this is a convenience only.
(function () {
  var form = document.querySelector("form.questionnaire");
  if (!form) return;
  var items = form.querySelectorAll("[data-enable]");
  if (!items.length) return;
  function values(name) {
    var out = [];
    form.querySelectorAll('[name="' + CSS.escape(name) + '"]').forEach(function (el) {
      if (el.closest("[hidden]")) return;
      if ((el.type === "radio" || el.type === "checkbox") && !el.checked) return;
      if (el.value.trim() !== "") out.push(el.value.trim());
    });
    return out;
  }
  function compare(a, b) {
    var x = parseFloat(String(a).replace(",", ".")), y = parseFloat(String(b).replace(",", "."));
    if (!isNaN(x) && !isNaN(y) && /^-?[\d.,]+$/.test(a) && /^-?[\d.,]+$/.test(b)) return x < y ? -1 : x > y ? 1 : 0;
    return a < b ? -1 : a > b ? 1 : 0;
  }
  function holds(c) {
    if (typeof c.fixed === "boolean") return c.fixed;
    var given = values(c.q);
    if (c.op === "exists") return (given.length > 0) === (c.v === "true");
    return given.some(function (g) {
      var r = compare(g, c.v);
      switch (c.op) {
        case "=": return r === 0;
        case "!=": return r !== 0;
        case ">": return r > 0;
        case "<": return r < 0;
        case ">=": return r >= 0;
        case "<=": return r <= 0;
      }
      return false;
    });
  }
  function update() {
    // Twice, so an item turned off also turns off the items that depend on it.
    for (var pass = 0; pass < 2; pass++) {
      items.forEach(function (el) {
        var rule = JSON.parse(el.dataset.enable);
        var on = rule.any ? rule.when.some(holds) : rule.when.every(holds);
        el.hidden = !on;
        var cond = el.querySelector(".condition");
        if (cond) cond.hidden = true;
      });
      form.querySelectorAll("[data-parent]").forEach(function (el) {
        var parent = document.getElementById("w-" + el.dataset.parent);
        if (parent && parent.hidden) el.hidden = true;
        else if (parent && !el.dataset.enable) el.hidden = false;
      });
    }
  }
  form.addEventListener("change", update);
  form.addEventListener("input", update);
  update();
})();
// The live worklist: when the server's event stream says the list changed, fetch the page
// again and put in the new list, keeping notes being typed and the focus. Without
// JavaScript the page is the same list, fresh at each load.
(function () {
  var list = document.getElementById("arbeidsliste");
  if (!list || !list.dataset.live || !window.EventSource || !window.fetch) return;
  var status = document.getElementById("live-status");
  var source = new EventSource(list.dataset.live);
  var busy = false, again = false;
  function refresh() {
    if (busy) { again = true; return; }
    busy = true;
    fetch(location.href, { credentials: "same-origin" })
      .then(function (r) {
        if (!r.ok || r.redirected) throw new Error("status " + r.status);
        return r.text();
      })
      .then(function (html) {
        var fresh = new DOMParser().parseFromString(html, "text/html").getElementById("arbeidsliste");
        if (!fresh) return;
        var typed = {};
        list.querySelectorAll("input[type=text]").forEach(function (i) { if (i.value) typed[i.id] = i.value; });
        var focused = list.contains(document.activeElement) ? document.activeElement.id : null;
        list.innerHTML = fresh.innerHTML;
        Object.keys(typed).forEach(function (id) {
          var i = document.getElementById(id);
          if (i) i.value = typed[id];
        });
        if (focused && document.getElementById(focused)) document.getElementById(focused).focus();
        if (status) {
          status.textContent = "";
          status.textContent = "Arbeidslisten er oppdatert.";
        }
      })
      .catch(function () { /* the next change or a reload tries again */ })
      .then(function () {
        busy = false;
        if (again) { again = false; refresh(); }
      });
  }
  source.addEventListener("endret", refresh);
  // The stream ends when the session would time out or the server stops: stay as is.
  source.addEventListener("slutt", function () { source.close(); });
})();
