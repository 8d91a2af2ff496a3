// Expected failures are values: a stable code (translated as `errors:<code>`), maybe a field and params.
export interface ServiceError {
  code: string;
  field?: string;
  params?: Record<string, string | number>;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ServiceError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (code: string, field?: string, params?: ServiceError["params"]): { ok: false; error: ServiceError } => ({
  ok: false,
  error: { code, ...(field ? { field } : {}), ...(params ? { params } : {}) },
});
