/**
 * The BibTeX/BibLaTeX parser, in a module of its own: the build puts it in one
 * bundle (dist/bibtex.js) that the server, the CLI and the API load at run time,
 * instead of three copies of it (the VSIX has a size budget).
 */
export { BibLatexParser, CSLExporter, type BibDB } from 'biblatex-csl-converter';
