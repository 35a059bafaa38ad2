// Attachments to an answer: a PDF, Word (DOCX) or Excel (XLSX) file of at most 20 MB, its type told
// by its content (not its name or what the sender says), kept in the record under its SHA-256 hash.
// An answer holds the reference: the hash, the file's name, size and type. Zod-free: the
// municipality's workflow checks answers with it.

export const ATTACHMENT_TYPES = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;
export type AttachmentKind = keyof typeof ATTACHMENT_TYPES;
export type AttachmentMediaType = (typeof ATTACHMENT_TYPES)[AttachmentKind];
export const ATTACHMENT_MEDIA_TYPES = Object.values(ATTACHMENT_TYPES);
export const MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024;
export const ATTACHMENT_REF = /^[0-9a-f]{64}$/;

/** A file as an answer names it. */
export interface AttachmentRef {
  ref: string;
  name: string;
  size: number;
  mediaType: AttachmentMediaType;
}

const startsWith = (bytes: Uint8Array, text: string) => [...text].every((ch, i) => bytes[i] === ch.charCodeAt(0));
/** Whether a ZIP archive has an entry whose name starts so (the local headers hold the names in plain text). */
const hasEntry = (bytes: Uint8Array, prefix: string) =>
  Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(prefix, 0, 'latin1');

/** The file's type by its content: a PDF by its header, DOCX and XLSX as ZIP archives with their parts. */
export function sniffAttachment(bytes: Uint8Array): AttachmentKind | undefined {
  if (startsWith(bytes, '%PDF-')) return 'pdf';
  if (!startsWith(bytes, 'PK\u0003\u0004') || !hasEntry(bytes, '[Content_Types].xml')) return undefined;
  if (hasEntry(bytes, 'word/document.xml')) return 'docx';
  if (hasEntry(bytes, 'xl/workbook.xml')) return 'xlsx';
  return undefined;
}

/** "rapport.pdf (1,2 MB)". */
export function attachmentText(a: AttachmentRef): string {
  const size =
    a.size >= 1024 * 1024 ? `${(a.size / 1024 / 1024).toFixed(1).replace('.', ',')} MB` : `${Math.max(1, Math.round(a.size / 1024))} kB`;
  return `${a.name} (${size})`;
}
