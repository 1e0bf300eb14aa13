// Personal access tokens and the customer API (/api/v1): scopes and answer types. Pure: no runtime imports.

/** What a token may do: `read` proxy URLs, usage and key status; `sessions`: close gateway sessions. */
export const API_SCOPES = ['read', 'sessions'] as const;
export type ApiScope = (typeof API_SCOPES)[number];

/** Every token starts with it, so it is recognisable (and findable by secret scanners) wherever it leaks. */
export const TOKEN_PREFIX = 'pst_';

/** A token as its owner and the operators see it: never the token itself. */
export interface TokenView {
  id: string;
  name: string;
  /** `pst_…abcd`: the prefix and the last 4 characters. */
  hint: string;
  scopes: ApiScope[];
  /** Unix ms. */
  createdAt: number;
  /** Unix ms; null: never expires. */
  expiresAt: number | null;
  /** Unix ms of the last request made with it (to the minute); null: never used. */
  lastUsedAt: number | null;
  expired: boolean;
}

export interface TokensAnswer {
  tokens: TokenView[];
  /** How many live tokens a customer may hold (API_TOKENS_PER_CUSTOMER). */
  limit: number;
}

/** The answer to creating a token: the only time the token itself is ever shown. */
export interface CreatedTokenAnswer {
  token: string;
  view: TokenView;
}

export interface RevokedTokensAnswer {
  revoked: number;
}
