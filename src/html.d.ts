/** Files imported as text (rollup's html-as-string plugin, jest's html transform). */
declare module '*.html' {
  const html: string;
  export default html;
}
