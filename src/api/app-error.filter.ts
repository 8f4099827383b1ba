import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus } from '@nestjs/common';
import { Response } from 'express';
import { AppError, ErrorCode } from 'src/common/app-error';
import { rootLogger } from 'src/common/logger';

const STATUS_BY_CODE: Partial<Record<ErrorCode, HttpStatus>> = {
  [ErrorCode.NotFound]: HttpStatus.NOT_FOUND,
  [ErrorCode.Conflict]: HttpStatus.CONFLICT,
  [ErrorCode.Validation]: HttpStatus.BAD_REQUEST,
  [ErrorCode.CallbackUrlRejected]: HttpStatus.BAD_REQUEST,
  [ErrorCode.Unauthorized]: HttpStatus.UNAUTHORIZED,
  [ErrorCode.NoNotificationNumber]: HttpStatus.UNPROCESSABLE_ENTITY,
  [ErrorCode.Unprocessable]: HttpStatus.UNPROCESSABLE_ENTITY,
};

const logger = rootLogger.child({ module: 'api' });

/** The one place that turns errors into CONTRACT.md's `{statusCode, error, message}`. */
@Catch()
export class AppErrorFilter implements ExceptionFilter {
  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const { status, message } = this.describe(exception);
    if (status >= 500) logger.error({ err: exception }, 'request failed');
    response.status(status).json({ statusCode: status, error: httpErrorName(status), message });
  }

  private describe(exception: unknown): { status: number; message: string } {
    if (exception instanceof AppError) {
      return {
        status: STATUS_BY_CODE[exception.code] ?? HttpStatus.INTERNAL_SERVER_ERROR,
        message: exception.message,
      };
    }
    if (exception instanceof HttpException) {
      const body = exception.getResponse();
      const detail = typeof body === 'string' ? body : (body as { message?: unknown }).message;
      const message = Array.isArray(detail)
        ? String(detail[0])
        : typeof detail === 'string'
          ? detail
          : exception.message;
      return { status: exception.getStatus(), message };
    }
    // JSON body that could not be parsed arrives as a SyntaxError with status 400 from body-parser.
    const status = (exception as { status?: number }).status;
    if (status === 400) return { status, message: 'body: malformed JSON' };
    return { status: HttpStatus.INTERNAL_SERVER_ERROR, message: 'internal error' };
  }
}

function httpErrorName(status: number): string {
  const names: Record<number, string> = {
    400: 'Bad Request',
    401: 'Unauthorized',
    403: 'Forbidden',
    404: 'Not Found',
    409: 'Conflict',
    413: 'Payload Too Large',
    422: 'Unprocessable Entity',
    500: 'Internal Server Error',
  };
  return names[status] ?? 'Error';
}
