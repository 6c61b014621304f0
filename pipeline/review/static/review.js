// smarak review: keyboard navigation, the decision tools, highlights that follow the focused field, and saving
// the form as JSON with the session token. No library, nothing loaded from the network.
"use strict";

const typing = (el) => el && (el.tagName === "TEXTAREA" || el.tagName === "SELECT" ||
  (el.tagName === "INPUT" && el.type !== "checkbox" && el.type !== "button"));

// --- front page: j/k move through the list, Enter opens -----------------------------------------------------
function indexPage() {
  const rows = [...document.querySelectorAll("#documents tbody tr")];
  let current = -1;
  const select = (i) => {
    if (!rows.length) return;
    current = Math.max(0, Math.min(rows.length - 1, i));
    rows.forEach((row, j) => row.classList.toggle("selected", j === current));
    rows[current].scrollIntoView({ block: "nearest" });
  };
  rows.forEach((row, i) => row.addEventListener("click", (event) => {
    if (event.target.closest("a, summary, details")) return;
    window.location = row.dataset.href;
    select(i);
  }));
  document.addEventListener("keydown", (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) return;
    if (event.key === "j" || event.key === "n" || event.key === "ArrowDown") { select(current + 1); event.preventDefault(); }
    else if (event.key === "k" || event.key === "p" || event.key === "ArrowUp") { select(current - 1); event.preventDefault(); }
    else if ((event.key === "Enter" || event.key === "o") && current >= 0) window.location = rows[current].dataset.href;
  });
}

// --- document page -----------------------------------------------------------------------------------------
function documentPage() {
  const form = document.getElementById("record");
  const status = document.getElementById("status");
  const source = document.getElementById("source");
  const token = document.querySelector('meta[name="smarak-token"]').content;
  let dirty = false;
  let fresh = 0;  // numbers the decisions added here, for their highlight targets

  const setStatus = (state, text) => { status.dataset.state = state; status.textContent = text; };
  const markDirty = () => { dirty = true; document.body.dataset.dirty = "1"; setStatus("dirty", "not saved"); };
  window.onbeforeunload = (event) => { if (dirty) { event.preventDefault(); return ""; } return undefined; };

  // Editing a field checks it; a decision's responsible and deadline check themselves and the decisions.
  form.addEventListener("input", (event) => {
    const el = event.target;
    markDirty();
    if (el.classList.contains("check") || el.classList.contains("d-resp-check") || el.classList.contains("d-dl-check")) return;
    const field = el.closest("fieldset.field");
    if (field) field.querySelector("legend .check").checked = true;
    const decision = el.closest(".decision");
    if (!decision) return;
    if (el.classList.contains("d-resp")) decision.querySelector(".d-resp-check").checked = true;
    if (el.closest(".deadline")) decision.querySelector(".d-dl-check").checked = true;
  });
  form.addEventListener("change", (event) => {
    if (event.target.matches(".d-resp-check, .d-dl-check") && event.target.checked) checkDecisions();
  });
  const checkDecisions = () => { document.querySelector('.check[data-field="decisions"]').checked = true; };

  // --- highlights: the focused field's marks on the page light up and come into view
  const groups = () => [...form.querySelectorAll(".group")];
  let focused = null;
  const focusGroup = (group) => {
    if (focused === group) return;
    if (focused) focused.classList.remove("focused");
    focused = group;
    group.classList.add("focused");
    source.querySelectorAll(".active").forEach((el) => el.classList.remove("active"));
    const target = group.dataset.target;
    if (!target) return;
    const lit = [...source.querySelectorAll(`[data-t~="${CSS.escape(target)}"]`)];
    lit.forEach((el) => el.classList.add("active"));
    const visible = lit.find((el) => el.offsetParent !== null);
    if (visible) visible.scrollIntoView({ block: "center", behavior: "instant" });
  };
  form.addEventListener("focusin", (event) => { const g = event.target.closest(".group"); if (g) focusGroup(g); });
  source.addEventListener("click", (event) => {
    const hit = event.target.closest("[data-t]");
    if (!hit) return;
    const target = hit.dataset.t.split(" ")[0];
    const group = groups().find((g) => g.dataset.target === target);
    if (group) firstInput(group).focus();
  });
  const firstInput = (group) => group.querySelector("textarea, input:not([type=checkbox]), select");
  const moveField = (step) => {
    const all = groups();
    const i = focused ? all.indexOf(focused) : -1;
    const next = all[(i + step + all.length) % all.length];
    if (next) firstInput(next).focus();
  };

  // --- decisions: split, merge, add, delete
  const decisions = document.getElementById("decisions");
  const count = () => { document.getElementById("decision-count").textContent = decisions.children.length; };
  const newDecision = () => {
    const block = document.getElementById("decision-template").content.firstElementChild.cloneNode(true);
    block.dataset.target = `new-${fresh++}`;
    return block;
  };
  const changed = () => { checkDecisions(); markDirty(); count(); };
  const addAfter = (block) => {
    const added = newDecision();
    if (block) block.after(added); else decisions.append(added);
    changed();
    added.querySelector(".d-text").focus();
    return added;
  };
  decisions.addEventListener("click", (event) => {
    const button = event.target.closest("button[data-act]");
    if (!button) return;
    const block = button.closest(".decision");
    const text = block.querySelector(".d-text");
    if (button.dataset.act === "add") addAfter(block);
    else if (button.dataset.act === "delete") {
      const next = block.nextElementSibling || block.previousElementSibling;
      block.remove(); changed();
      if (next) next.querySelector(".d-text").focus();
    } else if (button.dataset.act === "split") {
      const at = text.selectionStart || 0;
      const head = text.value.slice(0, at).trim(), tail = text.value.slice(at).trim();
      if (!head || !tail) { setStatus("error", "put the cursor in the decision's text where it should split"); return; }
      const added = newDecision();
      text.value = head;
      added.querySelector(".d-text").value = tail;
      added.querySelector(".d-resp").value = block.querySelector(".d-resp").value;
      added.querySelector(".d-resp-check").checked = block.querySelector(".d-resp-check").checked;
      block.after(added); changed();
      added.querySelector(".d-text").focus();
    } else if (button.dataset.act === "merge") {
      const other = block.nextElementSibling;
      if (!other) { setStatus("error", "no next decision to merge with"); return; }
      text.value = `${text.value.trim()} ${other.querySelector(".d-text").value.trim()}`.trim();
      const resp = [...lines(block.querySelector(".d-resp").value), ...lines(other.querySelector(".d-resp").value)];
      block.querySelector(".d-resp").value = [...new Set(resp)].join("\n");
      if (!block.querySelector(".d-dl-kind").value) {
        for (const cls of [".d-dl-kind", ".d-dl-value", ".d-dl-anchor", ".d-dl-text"]) {
          block.querySelector(cls).value = other.querySelector(cls).value;
        }
      }
      for (const cls of [".d-resp-check", ".d-dl-check"]) {
        block.querySelector(cls).checked ||= other.querySelector(cls).checked;
      }
      other.remove(); changed();
      text.focus();
    }
  });
  document.getElementById("add-decision").addEventListener("click", () => addAfter(null));

  const references = document.getElementById("references");
  document.getElementById("add-reference").addEventListener("click", () => {
    const row = document.getElementById("reference-template").content.firstElementChild.cloneNode(true);
    references.append(row);
    document.querySelector('.check[data-field="references"]').checked = true;
    markDirty();
    row.querySelector(".r-memo").focus();
  });
  references.addEventListener("click", (event) => {
    if (!event.target.matches('button[data-act="remove-ref"]')) return;
    event.target.closest(".reference").remove();
    document.querySelector('.check[data-field="references"]').checked = true;
    markDirty();
  });

  // --- saving
  const lines = (text) => text.split("\n").map((s) => s.trim()).filter(Boolean);
  const value = (name) => form.elements[name].value;
  const collect = () => ({
    doc_type: value("doc_type"),
    memo_no: { text: value("memo_no.text"), value: value("memo_no.value"), copy: value("memo_no.copy") },
    date: { value: value("date.value"), bangla: value("date.bangla"), text: value("date.text") },
    subject: value("subject"),
    references: [...references.querySelectorAll(".reference")].map((row) => ({
      memo_no: row.querySelector(".r-memo").value, date: row.querySelector(".r-date").value })),
    signatory: { name: value("signatory.name"), designation: value("signatory.designation") },
    meeting: { chair: value("meeting.chair"), date: value("meeting.date"), time: value("meeting.time"),
      venue: value("meeting.venue") },
    decisions: [...decisions.querySelectorAll(".decision")].map((block) => ({
      ref: block.querySelector(".d-ref").value,
      text: block.querySelector(".d-text").value,
      responsible: lines(block.querySelector(".d-resp").value),
      responsible_checked: block.querySelector(".d-resp-check").checked,
      deadline_checked: block.querySelector(".d-dl-check").checked,
      deadline: { kind: block.querySelector(".d-dl-kind").value, value: block.querySelector(".d-dl-value").value,
        anchor: block.querySelector(".d-dl-anchor").value, text: block.querySelector(".d-dl-text").value },
    })),
    checked: [...form.querySelectorAll("legend .check:checked")].map((c) => c.dataset.field),
  });
  const save = async () => {
    setStatus("saving", "saving…");
    let response;
    try {
      response = await fetch(`/doc/${encodeURIComponent(form.dataset.doc)}/gold`, {
        method: "POST",
        headers: { "Content-Type": "application/json", "X-Smarak-Token": token },
        body: JSON.stringify({ version: form.dataset.version, draft: collect() }),
      });
    } catch (error) {
      setStatus("error", `not saved: the server cannot be reached (${error})`);
      return;
    }
    const body = await response.json().catch(() => ({}));
    status.dataset.http = response.status;
    if (response.ok) {
      form.dataset.version = body.version;
      dirty = false; delete document.body.dataset.dirty;
      setStatus("saved", `saved ${body.checked.length} checked field${body.checked.length === 1 ? "" : "s"} to gold/${body.saved}`);
    } else if (response.status === 409) {
      setStatus("conflict", `conflict: ${body.detail}`);
    } else {
      const detail = Array.isArray(body.detail) ? body.detail.map((d) => d.msg || d).join("; ") : body.detail;
      setStatus("error", `not saved: ${detail || response.statusText}`);
    }
  };
  document.getElementById("save").addEventListener("click", save);

  const showText = () => source.classList.toggle("show-text");
  document.getElementById("keys-toggle").addEventListener("click", () => { const k = document.getElementById("keys"); k.hidden = !k.hidden; });
  const go = (href) => { if (href && (!dirty || window.confirm("This document has changes that are not saved. Leave anyway?"))) { dirty = false; window.location = href; } };

  document.addEventListener("keydown", (event) => {
    if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === "s") { event.preventDefault(); save(); return; }
    if (event.key === "Escape" && typing(event.target)) { event.target.blur(); return; }
    if (event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) return;
    const actions = {
      j: () => go(form.dataset.next), n: () => go(form.dataset.next),
      k: () => go(form.dataset.prev), p: () => go(form.dataset.prev),
      f: () => moveField(1), F: () => moveField(-1),
      s: save,
      a: () => addAfter(focused && focused.classList.contains("decision") ? focused : null),
      t: showText,
      x: () => {
        if (!focused) return;
        const box = focused.classList.contains("decision")
          ? document.querySelector('.check[data-field="decisions"]') : focused.querySelector("legend .check");
        box.checked = !box.checked; markDirty();
      },
      "?": () => document.getElementById("keys-toggle").click(),
    };
    const action = actions[event.key];
    if (action) { event.preventDefault(); action(); }
  });
  // the first field that has a highlight, so the page shows where the record starts
  const first = groups().find((g) => source.querySelector(`[data-t~="${CSS.escape(g.dataset.target || "-")}"]`));
  if (first) focusGroup(first);
}

if (document.body.classList.contains("document")) documentPage();
else if (document.body.classList.contains("index")) indexPage();
