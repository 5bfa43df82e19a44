// Injection tokens for what the app builds outside Nest (the store and the pool exist before the module does).
export const EVENT_STORE = Symbol('EVENT_STORE');
export const PG_POOL = Symbol('PG_POOL');
export const APP_CONFIG = Symbol('APP_CONFIG');
export const DATABASE_SERVER = Symbol('DATABASE_SERVER');
export const RULEBOOK = Symbol('RULEBOOK');
export const PROJECTOR = Symbol('PROJECTOR');
