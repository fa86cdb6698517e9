// A job's progress page (an import, a report): polls its JSON and moves the bar, without
// reloading; when the job has finished, loads the page again, which then shows its result.
// Without JavaScript the page refreshes itself instead (<noscript> meta refresh).
(function () {
  var root = document.querySelector("[data-job-progress]");
  if (!root) return;
  var url = root.getAttribute("data-job-progress");
  var unit = root.getAttribute("data-progress-unit") || "rows";
  var bar = root.querySelector("progress");
  var stage = root.querySelector("[data-progress-stage]");
  var count = root.querySelector("[data-progress-count]");
  var status = root.querySelector("[data-progress-status]");
  var number = new Intl.NumberFormat("en-GB");

  function show(state) {
    if (state.finished) {
      window.location.reload();
      return;
    }
    status.textContent = state.status_label;
    if (state.stage) stage.textContent = state.stage;
    if (state.total) {
      bar.max = state.total;
      bar.value = state.done;
      count.textContent = number.format(state.done) + " of " + number.format(state.total) + " " + unit;
    } else if (state.done) {
      count.textContent = number.format(state.done) + " " + unit;
    }
    window.setTimeout(poll, 1000);
  }

  function poll() {
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.json();
      })
      .then(show)
      .catch(function () { window.setTimeout(poll, 3000); });
  }

  window.setTimeout(poll, 1000);
})();
