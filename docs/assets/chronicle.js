/* Peace Talks Chronicle: the timeline's filters (type, person, status).
 *
 * The timeline is complete without this script: every event is in the page,
 * and the filter form stays hidden. With it, the form appears and hides the
 * events that do not match; the choice is kept in the address (?type=...)
 * so that a filtered timeline can be linked. No library, no other host. */
(function () {
  "use strict";

  function setup() {
    var form = document.querySelector("form.chronicle-filters");
    if (!form || form.getAttribute("data-ready")) return;
    form.setAttribute("data-ready", "1");
    var events = Array.prototype.slice.call(document.querySelectorAll(".chronicle-event"));
    var selects = Array.prototype.slice.call(form.querySelectorAll("select[data-filter]"));
    var output = form.querySelector("output");
    var params = new URLSearchParams(window.location.search);

    selects.forEach(function (select) {
      var wanted = params.get(select.getAttribute("data-filter"));
      if (wanted && select.querySelector('option[value="' + CSS.escape(wanted) + '"]')) select.value = wanted;
    });

    function matches(event, want) {
      if (want.type && event.getAttribute("data-type") !== want.type) return false;
      if (want.status && event.getAttribute("data-status") !== want.status) return false;
      if (want.person) {
        var people = (event.getAttribute("data-people") || "").split(" ");
        if (people.indexOf(want.person) < 0) return false;
      }
      return true;
    }

    function apply() {
      var want = {};
      selects.forEach(function (select) { want[select.getAttribute("data-filter")] = select.value; });
      var shown = 0;
      events.forEach(function (event) {
        var visible = matches(event, want);
        event.hidden = !visible;
        if (visible) shown += 1;
      });
      document.querySelectorAll(".chronicle-group, .chronicle-year").forEach(function (group) {
        group.hidden = !group.querySelector(".chronicle-event:not([hidden])");
      });
      if (output) {
        output.textContent = (form.getAttribute("data-showing") || "")
          .replace("{shown}", String(shown)).replace("{total}", String(events.length));
      }
      var query = new URLSearchParams();
      Object.keys(want).forEach(function (key) { if (want[key]) query.set(key, want[key]); });
      var search = query.toString();
      window.history.replaceState(null, "", window.location.pathname + (search ? "?" + search : "") + window.location.hash);
    }

    form.addEventListener("change", apply);
    form.addEventListener("reset", function () { window.setTimeout(apply, 0); });
    form.addEventListener("submit", function (e) { e.preventDefault(); });
    form.hidden = false;
    apply();
  }

  // Material's instant loading (when enabled) swaps pages without a reload
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(setup);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setup);
  } else {
    setup();
  }
})();

/* Material's search panel is a dialog without a name (axe-core: aria-dialog-name,
 * serious); it only works with JavaScript, so it is named here, after its own
 * search field's label (which Material translates). */
(function () {
  "use strict";
  var dialog = document.querySelector(".md-search[role=dialog]");
  var input = document.querySelector(".md-search__input");
  if (dialog && !dialog.getAttribute("aria-label")) {
    dialog.setAttribute("aria-label", (input && input.getAttribute("aria-label")) || "Search");
  }
})();
