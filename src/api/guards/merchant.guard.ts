import {
  CanActivate,
  createParamDecorator,
  ExecutionContext,
  Injectable,
  UnauthorizedException,
} from '@nestjs/common';
import { Request } from 'express';
import { bearerToken } from 'src/api/guards/bearer';
import { MerchantEntity } from 'src/merchants/merchant.entity';
import { MerchantService } from 'src/merchants/merchant.service';

type AuthenticatedRequest = Request & { merchant?: MerchantEntity };

@Injectable()
export class MerchantGuard implements CanActivate {
  constructor(private readonly merchants: MerchantService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const token = bearerToken(request);
    const merchant = token ? await this.merchants.authenticate(token) : null;
    if (!merchant) throw new UnauthorizedException('missing or invalid API key');
    request.merchant = merchant;
    return true;
  }
}

/** The merchant the request's API key belongs to; every merchant query is scoped by it. */
export const CurrentMerchant = createParamDecorator(
  (_: unknown, context: ExecutionContext): MerchantEntity => {
    const merchant = context.switchToHttp().getRequest<AuthenticatedRequest>().merchant;
    if (!merchant) throw new UnauthorizedException('missing or invalid API key');
    return merchant;
  },
);
