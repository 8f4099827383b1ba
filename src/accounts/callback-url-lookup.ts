import dns from 'node:dns';

/** The resolver callback URLs are checked with; a provider so tests can answer for made-up hosts. */
export const CALLBACK_URL_LOOKUP = Symbol('CALLBACK_URL_LOOKUP');

export const callbackUrlLookupProvider = {
  provide: CALLBACK_URL_LOOKUP,
  useValue: dns.lookup,
};
