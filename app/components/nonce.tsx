// The CSP nonce of this response, handed from entry.server to <Scripts>. Empty in the browser.
import { createContext, useContext } from "react";

const NonceContext = createContext<string>("");
export const NonceProvider = NonceContext.Provider;
export const useNonce = () => useContext(NonceContext);
