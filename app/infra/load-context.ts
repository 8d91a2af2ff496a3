// What the Express server hands every loader and action.
export interface TrellisLoadContext {
  cspNonce: string;
  clientIp: string | null;
}

declare module "@remix-run/node" {
  // Declaration merging needs an interface, even an empty one.
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface AppLoadContext extends TrellisLoadContext {}
}
