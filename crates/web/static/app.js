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
