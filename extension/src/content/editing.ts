/**
 * Applies a fix through the editor's own input path (the adapter table's
 * `EDIT_PATHS`), never by writing the editor's DOM: select
 * the range, wait a task so the editor has taken the new selection into its
 * model, then insert the way a user would. Afterwards the text is read back;
 * a fix that did not land as planned is reported, not retried blindly.
 */

import { EDIT_PATHS, type EditorKind } from '../sites/adapters';
import { domPosition, type EditorText } from '../text/extract';
import { applyEdit, type TextEdit } from './findings';
import { isTextControl, type TextControl } from './textarea-mirror';

/**
 * Editors learn about a new selection from `selectionchange`, which the
 * browser dispatches as a task; edits made before it arrives land at the old
 * caret (seen with Draft.js: text inserted at the start, other lines broken).
 */
function nextTask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** Selects `start..end` (UTF-16 offsets of the extracted text) in the box. */
export function selectText(box: HTMLElement, text: EditorText, start: number, end: number): void {
  if (isTextControl(box)) {
    if (box.ownerDocument.activeElement !== box) box.focus({ preventScroll: true });
    box.setSelectionRange(start, end);
    return;
  }
  if (box.ownerDocument.activeElement !== box) box.focus({ preventScroll: true });
  const collapsed = start === end;
  // A caret stays at the end of the text before it (not in the next block).
  const from = domPosition(text, start, collapsed ? 'end' : 'start');
  const to = collapsed ? from : domPosition(text, end, 'end');
  const selection = box.ownerDocument.getSelection();
  if (!from || !to || !selection) return;
  selection.setBaseAndExtent(from.node, from.offset, to.node, to.offset);
}

/** Scrolls the selection or the textarea into view. */
export function revealSelection(box: HTMLElement): void {
  const selection = box.ownerDocument.getSelection();
  const element = selection?.focusNode?.parentElement;
  if (!isTextControl(box) && element && box.contains(element)) {
    element.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  } else {
    box.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  }
}

function exec(doc: Document, command: string, value?: string): boolean {
  try {
    return doc.execCommand(command, false, value);
  } catch {
    return false;
  }
}

/** Inserts lines with the browser's editing commands, one paragraph per line. */
function insertByCommands(doc: Document, insert: string): void {
  if (insert.length === 0) {
    exec(doc, 'delete');
    return;
  }
  insert.split('\n').forEach((line, index) => {
    if (index > 0) exec(doc, 'insertParagraph');
    if (line.length > 0) exec(doc, 'insertText', line);
  });
}

function insertByPaste(box: HTMLElement, insert: string): boolean {
  if (insert.length === 0) return exec(box.ownerDocument, 'delete');
  const data = new DataTransfer();
  data.setData('text/plain', insert);
  const paste = new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true });
  box.dispatchEvent(paste);
  // The editor's handler cancels the event when it took the text.
  return paste.defaultPrevented;
}

function insertInTextarea(box: TextControl, edit: TextEdit, expected: string): void {
  const doc = box.ownerDocument;
  // execCommand keeps the textarea's native undo (Ctrl+Z); setRangeText does not.
  if (edit.insert.length > 0) exec(doc, 'insertText', edit.insert);
  else exec(doc, 'delete');
  if (box.value === expected) return;
  box.setRangeText(edit.insert, edit.start, edit.end, 'end');
  box.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertReplacementText', data: edit.insert }));
}

/**
 * Replaces `edit.start..edit.end` of the box's text with `edit.insert`.
 * Resolves true when the box then holds exactly the planned text.
 */
export async function applyTextEdit(
  box: HTMLElement,
  kind: EditorKind,
  read: () => EditorText,
  edit: TextEdit,
): Promise<boolean> {
  const before = read();
  const expected = applyEdit(before.text, edit);
  selectText(box, before, edit.start, edit.end);
  await nextTask();
  switch (EDIT_PATHS[kind]) {
    case 'textarea':
      if (isTextControl(box)) insertInTextarea(box, edit, expected);
      break;
    case 'paste':
      if (!insertByPaste(box, edit.insert)) insertByCommands(box.ownerDocument, edit.insert);
      break;
    case 'exec-command':
      insertByCommands(box.ownerDocument, edit.insert);
      break;
  }
  // Editors that re-render asynchronously (React batches) have done so by now.
  await nextTask();
  return read().text === expected;
}
