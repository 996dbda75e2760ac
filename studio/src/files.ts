/**
 * Opening and saving files: the File System Access API where the browser
 * has it (saving then writes back to the file that was opened), a file
 * input and a download where it does not. Nothing is uploaded anywhere:
 * files are read into the page and written from it.
 */

/** The parts of the File System Access API the Studio uses (not in TypeScript's DOM library yet). */
interface FilePickerOptions {
  types?: { description: string; accept: Record<string, string[]> }[];
  suggestedName?: string;
}
interface FilePickers {
  showOpenFilePicker?: (options?: FilePickerOptions) => Promise<FileSystemFileHandle[]>;
  showSaveFilePicker?: (options?: FilePickerOptions) => Promise<FileSystemFileHandle>;
}
const pickers = window as unknown as FilePickers;

export interface OpenedFile {
  name: string;
  text: string;
  /** Where "save" writes back; null for a file read through an input. */
  handle: FileSystemFileHandle | null;
}

export interface FileKind {
  description: string;
  mime: string;
  extensions: string[];
}

/** Asks for a file, through the picker or `input`; null when the person cancelled. */
export async function pickFile(kind: FileKind, input: HTMLInputElement): Promise<OpenedFile | null> {
  if (!pickers.showOpenFilePicker) {
    input.click();
    return null; // The input's change event delivers the file (see readInput).
  }
  try {
    const [handle] = await pickers.showOpenFilePicker({ types: [{ description: kind.description, accept: { [kind.mime]: kind.extensions } }] });
    if (!handle) return null;
    const file = await handle.getFile();
    return { name: file.name, text: await file.text(), handle };
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') return null;
    throw error;
  }
}

export async function readInput(input: HTMLInputElement): Promise<OpenedFile | null> {
  const file = input.files?.[0];
  input.value = '';
  return file ? { name: file.name, text: await file.text(), handle: null } : null;
}

/** Writes `content` back to `handle`, or to a file the person picks, or as a download. Returns the name written. */
export async function saveFile(content: string | Uint8Array, name: string, kind: FileKind, handle: FileSystemFileHandle | null): Promise<{ name: string; handle: FileSystemFileHandle | null } | null> {
  let target = handle;
  if (!target && pickers.showSaveFilePicker) {
    try {
      target = await pickers.showSaveFilePicker({ suggestedName: name, types: [{ description: kind.description, accept: { [kind.mime]: kind.extensions } }] });
    } catch (error) {
      if (error instanceof DOMException && error.name === 'AbortError') return null;
      throw error;
    }
  }
  if (target) {
    const writable = await target.createWritable();
    await writable.write(typeof content === 'string' ? content : new Blob([content as BlobPart]));
    await writable.close();
    return { name: target.name, handle: target };
  }
  download(content, name, kind.mime);
  return { name, handle: null };
}

/** Offers `content` as a download; the blob URL belongs to the page's own origin. */
export function download(content: string | Uint8Array, name: string, mime: string): void {
  const url = URL.createObjectURL(new Blob([content as BlobPart], { type: mime }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
