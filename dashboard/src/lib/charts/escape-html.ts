/** Tooltips are HTML; area names come from data files, so they are escaped before they are shown. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
