// Every /v1 route needs `Authorization: Bearer <api key>`; the key fixes the actor (never the request body).
import { Injectable, UnauthorizedException, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import type { Actor } from '../../../events/index.js';
import { ApiKeysRepository } from './api-keys.repository.js';

export interface AuthenticatedRequest extends Request {
  actor: Actor;
}

@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(private readonly keys: ApiKeysRepository) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const header = request.headers.authorization;
    const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
    if (!match) throw new UnauthorizedException(['Authorization: a header "Bearer <api key>" is required']);
    const actor = await this.keys.actorOf(match[1]);
    if (!actor) throw new UnauthorizedException(['Authorization: the API key is unknown or revoked']);
    request.actor = actor;
    return true;
  }
}
