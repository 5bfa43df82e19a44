// Every /v1 route needs `Authorization: Bearer <api key>`; the key fixes the actor (never the request body).
import { HttpException, HttpStatus, Injectable, UnauthorizedException, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { FailedAuthLimiter } from './failed-auth.limiter.js';
import type { Request } from 'express';
import type { Actor } from '../../../events/index.js';
import { ApiKeysRepository } from '../../../libs/application/src/api-keys.repository.js';
import { noteCaller } from '../logging/request-context.js';

export interface AuthenticatedRequest extends Request {
  actor: Actor;
}

@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly keys: ApiKeysRepository,
    private readonly failures: FailedAuthLimiter,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const client = request.ip ?? request.socket.remoteAddress ?? 'unknown';
    const wait = this.failures.blockedFor(client);
    if (wait > 0) {
      throw new HttpException({ message: [`Authorization: too many failed attempts from this address; retry in ${wait} s`], retryAfter: wait }, HttpStatus.TOO_MANY_REQUESTS);
    }
    const header = request.headers.authorization;
    const match = header ? /^Bearer\s+(\S{1,200})$/i.exec(header) : null;
    if (!match) {
      this.failures.failed(client);
      throw new UnauthorizedException(['Authorization: a header "Bearer <api key>" is required']);
    }
    const actor = await this.keys.actorOf(match[1]);
    if (!actor) {
      this.failures.failed(client);
      throw new UnauthorizedException(['Authorization: the API key is unknown or revoked']);
    }
    request.actor = actor;
    noteCaller(request, actor);
    return true;
  }
}
