"""Pieces several pages share."""

from __future__ import annotations

import streamlit as st

from checklist.domain.assessment import Assessment
from checklist.domain.bank import QuestionBank
from checklist.domain.scoring import ScoreResult
from checklist.ui import memo, navigation, resources, session, state


def open_assessment(*, empty_title: str | None = None) -> tuple[QuestionBank, Assessment] | None:
    """The bank and the open assessment, or None after saying how to open one (under `empty_title`, if given)."""
    bank = resources.bank()
    if bank is None:
        return None
    opened = session.working()
    if opened is None:
        if empty_title:
            st.title(empty_title)
        if st.session_state[state.OPEN_PROBLEM]:
            st.error(st.session_state[state.OPEN_PROBLEM])
        st.info("No assessment is open. Start a new one or resume one on the Start page.")
        st.page_link(navigation.START.path, label="Go to the Start page", icon=":material/home:")
        return None
    return bank, opened


def open_scored_assessment(title: str) -> tuple[QuestionBank, Assessment, ScoreResult] | None:
    """Title a page about the open assessment's scores and report any unsaved change at its top.

    The bank, the assessment and its scores, or None after saying how to open one.
    """
    st.title(title)
    opened = open_assessment()
    if opened is None:
        return None
    bank, assessment = opened
    result = memo.score(bank, assessment)
    save_problem()
    return bank, assessment, result


def save_problem(question_id: str | None = None) -> None:
    """Say that the last change was not saved, and offer what can be done.

    Shown at the top of the page (question_id None) and under the question it concerns.
    """
    found = session.problem()
    if found is None or (question_id is not None and found.question_id != question_id):
        return
    where = "top" if question_id is None else question_id
    st.error(found.message)
    st.text(f"Not saved: {found.unsaved}")
    if found.kind == "unavailable":
        st.button("Try saving again", on_click=session.retry, key=state.retry_key(where), type="primary")
    else:
        with st.container(horizontal=True):
            st.button("Keep my change", on_click=session.keep_mine, key=state.keep_mine_key(where), type="primary")
            st.button("Show theirs instead", on_click=session.reload_latest, key=state.reload_key(where))


# A static table wraps its text at spaces; a long run without one (a pasted link, a code) would
# otherwise widen the table past a phone's screen.
_WRAP_TABLES = (
    '<style>[data-testid="stTable"] td, [data-testid="stTable"] td * { overflow-wrap: anywhere !important; }'
    # Not a scroll box of its own: a region that scrolls needs keyboard access (axe), and the page scrolls anyway.
    ' [data-testid="stTable"], [data-testid="stTable"] > div { overflow: visible !important; }</style>'
)


def wrap_tables() -> None:
    """Let every static table on this page break long words, so no cell is cut or scrolls."""
    st.html(_WRAP_TABLES)


# Streamlit sends a text box's value only on Enter (Ctrl+Enter in a text area) or when the box is
# left, so a note typed just before a refresh was lost. This presses that key for the person, in the
# real Streamlit box (its label, keyboard use and look unchanged): half a second after typing stops,
# on a press anywhere else (before a page change), and when the tab is hidden or closed. It runs once
# per browser tab.
_SAVE_WHILE_TYPING = """<script>
(() => {
  if (window.__checklistSavesWhileTyping) return;
  window.__checklistSavesWhileTyping = true;
  const PAUSE_MS = %d;
  const timers = new WeakMap();
  let pending = null;  // the box whose typing has not been sent yet (focus may already have left it)
  const isBox = (e) => e instanceof HTMLElement && e.closest('[data-testid="stMain"]') &&
    (e.matches('[data-testid="stTextArea"] textarea') || e.matches('[data-testid="stTextInput"] input'));
  const send = (box) => {
    clearTimeout(timers.get(box));
    timers.delete(box);
    if (pending === box) pending = null;
    const inArea = box.tagName === "TEXTAREA";
    box.dispatchEvent(new KeyboardEvent("keydown", {
      key: "Enter", code: "Enter", keyCode: 13, which: 13, ctrlKey: inArea, bubbles: true, cancelable: true,
    }));
  };
  document.addEventListener("input", (event) => {
    const box = event.target;
    if (!isBox(box)) return;
    clearTimeout(timers.get(box));
    timers.set(box, setTimeout(() => send(box), PAUSE_MS));
    pending = box;
  }, true);
  // Streamlit sends the value itself on Enter (Ctrl+Enter): then nothing waits.
  const forget = (event) => {
    if (!isBox(event.target) || (event.type === "keydown" && (!event.isTrusted || event.key !== "Enter"))) return;
    clearTimeout(timers.get(event.target));
    timers.delete(event.target);
    if (pending === event.target) pending = null;
  };
  document.addEventListener("keydown", forget, true);
  const sendFocused = () => {
    const box = document.activeElement;
    if (isBox(box) && timers.has(box)) send(box);
  };
  // A press outside the box (a menu link, "Next theme", the theme picker) sends the box's value at
  // once. Streamlit itself would send it only after it has drawn the page again, and a link has by
  // then asked for its page: the later message (the value, for this page) undid the page change.
  // A page change that reaches the server with the value, before its run has started, skips the
  // box's save too. So a link's click waits until the run the value started has ended, then goes on.
  let sends = 0;
  let runsEnded = 0;
  let endedAtLastSend = 0;
  const socketSend = WebSocket.prototype.send;
  WebSocket.prototype.send = function (...args) {
    sends += 1;
    endedAtLastSend = runsEnded;
    return socketSend.apply(this, args);
  };
  const app = document.querySelector('[data-testid="stApp"]');
  if (app) {
    new MutationObserver(() => {
      if (app.getAttribute("data-test-script-state") === "notRunning") runsEnded += 1;
    }).observe(app, {attributes: true, attributeFilter: ["data-test-script-state"]});
  }
  let held = null;
  document.addEventListener("pointerdown", (event) => {
    held = null;
    const box = document.activeElement;
    const inside = event.target instanceof Node && isBox(box) && box.contains(event.target);
    if (!isBox(box) || !timers.has(box) || inside) return;
    held = {link: event.target instanceof Element ? event.target.closest("a[href]") : null, sends};
    send(box);
  }, true);
  // The same for a link opened with the keyboard: Tab (or a focus) has already left the box.
  document.addEventListener("keydown", (event) => {
    if (!event.isTrusted || event.key !== "Enter" || isBox(event.target) || !pending) return;
    const link = event.target instanceof Element ? event.target.closest("a[href]") : null;
    if (!link) return;
    held = {link, sends};
    send(pending);
  }, true);
  document.addEventListener("click", (event) => {
    const wait = held;
    held = null;
    if (!event.isTrusted || !wait || !wait.link || !wait.link.contains(event.target)) return;
    event.preventDefault();
    event.stopImmediatePropagation();
    const started = performance.now();
    const replay = () => {
      const saved = sends > wait.sends && runsEnded > endedAtLastSend;
      if (!saved && performance.now() - started < 3000) return requestAnimationFrame(replay);
      const {ctrlKey, shiftKey, altKey, metaKey, button, clientX, clientY} = event;
      event.target.dispatchEvent(new MouseEvent("click", {
        bubbles: true, cancelable: true, composed: true, view: window,
        ctrlKey, shiftKey, altKey, metaKey, button, clientX, clientY,
      }));
    };
    requestAnimationFrame(replay);
  }, true);
  document.addEventListener("visibilitychange", () => { if (document.hidden) sendFocused(); });
  window.addEventListener("pagehide", sendFocused);
})();
</script>"""
SAVE_PAUSE_MS = 500


def save_while_typing() -> None:
    """Send what is typed into this page's text boxes a moment after typing stops, and before leaving."""
    st.html(_SAVE_WHILE_TYPING % SAVE_PAUSE_MS, unsafe_allow_javascript=True)
