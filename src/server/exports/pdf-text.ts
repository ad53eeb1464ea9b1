/**
 * Reads the text back out of a PDF, for tests that check what a rendered workpaper says.
 * Uses pdfjs-dist's legacy build, which runs in Node without a browser or a worker file.
 */
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

/**
 * The text of every page, one string per page. Text items on one line are joined with a space
 * and lines with "\n", so a figure drawn as one string ("12,345.67") stays whole.
 */
export async function extractPdfPages(bytes: Uint8Array): Promise<string[]> {
  // pdfjs takes ownership of (and detaches) the array it is given, so hand it a copy.
  const task = getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, useSystemFonts: false, verbosity: 0 });
  const document = await task.promise;
  try {
    const pages: string[] = [];
    for (let number = 1; number <= document.numPages; number++) {
      const page = await document.getPage(number);
      const content = await page.getTextContent();
      let text = '';
      for (const item of content.items) {
        if ('str' in item) {
          text += item.str + (item.hasEOL ? '\n' : ' ');
        }
      }
      pages.push(text.replace(/ +\n/g, '\n').trim());
      page.cleanup();
    }
    return pages;
  } finally {
    await task.destroy();
  }
}

/** All the text of a PDF, pages separated by a form feed. */
export async function extractPdfText(bytes: Uint8Array): Promise<string> {
  return (await extractPdfPages(bytes)).join('\n\f\n');
}
