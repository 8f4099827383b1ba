import { CanActivate, ExecutionContext, Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { timingSafeEqual } from 'node:crypto';
import { Request } from 'express';
import { APP_CONFIG, AppConfig } from 'src/config/env.dto';
import { bearerToken } from 'src/api/guards/bearer';

@Injectable()
export class AdminGuard implements CanActivate {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  canActivate(context: ExecutionContext): boolean {
    if (!this.config.adminToken) {
      throw new UnauthorizedException('operator API is disabled: ADMIN_TOKEN is not set');
    }
    const token = bearerToken(context.switchToHttp().getRequest<Request>());
    const expected = Buffer.from(this.config.adminToken);
    const given = Buffer.from(token ?? '');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      throw new UnauthorizedException('invalid operator token');
    }
    return true;
  }
}
