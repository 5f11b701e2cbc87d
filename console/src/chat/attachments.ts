// Files attached to a prompt: images go as data URLs (for vision models), text files inline.
import type { Attachment } from '../api/types';

export const MAX_IMAGE_BYTES = 8 * 1024 * 1024;
export const MAX_TEXT_BYTES = 512 * 1024;

const TEXT_EXTENSIONS =
  /\.(txt|md|markdown|csv|tsv|json|jsonl|ya?ml|toml|ini|xml|html?|css|s?css|js|mjs|cjs|ts|tsx|jsx|py|rb|go|rs|java|kt|c|h|cc|cpp|hpp|cs|swift|php|sh|bash|zsh|sql|log|env|conf|cfg|tex|r|lua|pl|dart|scala|vue|svelte)$/i;

export class AttachmentError extends Error {}

export function isImageFile(file: { type: string }): boolean {
  return /^image\/(png|jpe?g|gif|webp)$/.test(file.type);
}

export function isTextFile(file: { type: string; name: string }): boolean {
  return (
    file.type.startsWith('text/') ||
    file.type === 'application/json' ||
    TEXT_EXTENSIONS.test(file.name)
  );
}

function readAs(file: File, how: 'dataURL' | 'text'): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(new AttachmentError(`${file.name} could not be read.`));
    if (how === 'dataURL') reader.readAsDataURL(file);
    else reader.readAsText(file);
  });
}

export async function readAttachment(file: File): Promise<Attachment> {
  if (isImageFile(file)) {
    if (file.size > MAX_IMAGE_BYTES) {
      throw new AttachmentError(`${file.name} is larger than 8 MB.`);
    }
    return { kind: 'image', media_type: file.type, data_url: await readAs(file, 'dataURL') };
  }
  if (isTextFile(file)) {
    if (file.size > MAX_TEXT_BYTES) {
      throw new AttachmentError(`${file.name} is larger than 512 KB.`);
    }
    const text = await readAs(file, 'text');
    if (text.includes('\u0000')) throw new AttachmentError(`${file.name} is not a text file.`);
    return { kind: 'text', name: file.name, text };
  }
  throw new AttachmentError(
    `${file.name}: only images (PNG, JPEG, GIF, WebP) and text files can be attached.`,
  );
}
