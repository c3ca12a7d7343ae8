/** Types for the part of @adobe/micromark-extension-gridtables the grid table reader uses (the package ships none). */
declare module '@adobe/micromark-extension-gridtables' {
  import type { Construct } from 'micromark-util-types';
  /** The micromark syntax extension: a grid table is a flow construct opened by `+` (code 43) at a line start. */
  export const gridTables: { flow: { 43: Construct } };
}
