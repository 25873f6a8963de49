/**
 * Text into and out of package XML. Apart from the overlay writer (overlay.ts re-exports them) so that what
 * only needs the escaping — the template command, custom properties — does not load the writer and, through
 * it, every rule (core/explain): the CLI registers the template command on every start.
 */

/** XML 1.0 forbids most C0 characters even escaped: dropped, then the five entities escaped. */
export function xmlText(s: string): string {
  return s
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
}

/** XML entities back to text (attribute values and text runs of the package parts). */
export function unxml(s: string): string {
  return s.replace(/&(lt|gt|quot|apos|amp|#x[0-9a-f]+|#\d+);/gi, (m, e: string) => {
    const k = e.toLowerCase();
    if (k === "lt") return "<";
    if (k === "gt") return ">";
    if (k === "quot") return '"';
    if (k === "apos") return "'";
    if (k === "amp") return "&";
    return String.fromCodePoint(k.startsWith("#x") ? parseInt(k.slice(2), 16) : parseInt(k.slice(1), 10));
  });
}
