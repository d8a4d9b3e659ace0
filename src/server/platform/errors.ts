/** One error model. `message` is shown to users (Chinese, says what to do). */
export class AppError extends Error {
  constructor(
    public readonly code: string,
    message: string,
    public readonly httpStatus = 400,
    public readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const notFound = (what = '记录') => new AppError('NOT_FOUND', `${what}不存在或不在您的管辖范围内`, 404);
export const forbidden = (msg = '您没有权限执行此操作') => new AppError('FORBIDDEN', msg, 403);
export const badRequest = (msg: string, details?: unknown) => new AppError('BAD_REQUEST', msg, 400, details);
export const conflict = (msg = '数据已被他人修改，请刷新后重试') => new AppError('CONFLICT', msg, 409);
export const unauthorized = (msg = '请先登录') => new AppError('UNAUTHORIZED', msg, 401);
