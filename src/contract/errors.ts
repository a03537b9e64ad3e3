/** Stable error codes with their messages in both interface languages. */
export const errorMessages = {
  validation_failed: { status: 400, zh: '提交的内容有误，请检查标出的字段', en: 'Some fields are invalid' },
  bad_request: { status: 400, zh: '请求无法处理', en: 'The request cannot be processed' },
  unauthenticated: { status: 401, zh: '请先登录', en: 'Please sign in' },
  invalid_credentials: { status: 401, zh: '用户名或密码不正确', en: 'Wrong username or password' },
  login_locked: {
    status: 429,
    zh: '登录失败次数过多，请稍后再试',
    en: 'Too many failed sign-ins; try again later',
  },
  csrf_failed: {
    status: 403,
    zh: '页面已过期，请刷新后重试',
    en: 'The page has expired; reload and try again',
  },
  forbidden: { status: 403, zh: '没有执行此操作的权限', en: 'You are not allowed to do this' },
  not_found: { status: 404, zh: '找不到该记录', en: 'Not found' },
  conflict: { status: 409, zh: '记录已存在或已被修改', en: 'The record already exists or was changed' },
  idempotency_in_progress: {
    status: 409,
    zh: '同一条记录正在提交中，请稍后重试',
    en: 'The same record is still being sent; try again shortly',
  },
  idempotency_key_reused: {
    status: 422,
    zh: '该提交编号已用于另一条不同的记录，请重新生成后提交',
    en: 'This Idempotency-Key was already used for a different request; send it with a new key',
  },
  payload_too_large: { status: 413, zh: '文件过大', en: 'The file is too large' },
  unsupported_file: { status: 415, zh: '不支持的文件类型', en: 'Unsupported file type' },
  rate_limited: { status: 429, zh: '请求过于频繁，请稍后再试', en: 'Too many requests; slow down' },
  internal: { status: 500, zh: '服务器内部错误，请稍后再试', en: 'Internal server error' },
  unavailable: { status: 503, zh: '服务暂时不可用', en: 'Service unavailable' },
} as const;

export type ErrorCode = keyof typeof errorMessages;

export type Lang = 'zh' | 'en';

/** Body of every error response. */
export interface ErrorBody {
  code: ErrorCode;
  message: string;
  details?: unknown;
  requestId?: string;
}
