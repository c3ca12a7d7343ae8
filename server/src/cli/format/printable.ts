/**
 * Control characters written as escapes (`\x1B`), for text that reaches a terminal.
 * Messages quote the report, its bibliography and file names, all of which may be
 * hostile: an ESC or CSI in a citation key or a file name would otherwise be
 * obeyed by the terminal (clear the screen, retitle the window, hide lines).
 * Tabs stay; line feeds stay unless `lineBreaks` is false (file names); a carriage
 * return, which lets later text overwrite the line, never does.
 */
export function printable(text: string, lineBreaks = true): string {
  return text.replace(lineBreaks ? CONTROL_BUT_LINE_BREAKS : CONTROL, (c) => `\\x${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

/** C0 controls but tab, DEL and the C1 controls (U+0080–U+009F: CSI and OSC on some terminals). */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000A-\u001F\u007F-\u009F]/g;
// eslint-disable-next-line no-control-regex -- as above
const CONTROL_BUT_LINE_BREAKS = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;
