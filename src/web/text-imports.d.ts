// assets.ts embeds the page's files with `import(…, { with: { type: "text" } })`: Bun's text loader makes the default
// export the file's text. The type checker cannot see import attributes, so in the server's program (tsconfig.json,
// which has no DOM and does not read JavaScript) the page's scripts and stylesheet are declared as what those imports
// give. tsconfig.browser.json checks the scripts themselves, as modules, against the DOM.
declare module "*/ui/style.css" {
  const text: string;
  export default text;
}
declare module "*/ui/app.js" {
  const text: string;
  export default text;
}
declare module "*/ui/xmlrpc.js" {
  const text: string;
  export default text;
}
declare module "*/ui/messages.js" {
  const text: string;
  export default text;
}
declare module "*/ui/model.js" {
  const text: string;
  export default text;
}
declare module "*/ui/table.js" {
  const text: string;
  export default text;
}
declare module "*/ui/tail-view.js" {
  const text: string;
  export default text;
}
declare module "*/ui/tail-cursor.js" {
  const text: string;
  export default text;
}
