import { Injectable, UnauthorizedException } from '@nestjs/common';

export interface SignInDto {
  email: string;
  password: string;
}

@Injectable()
export class AuthService {
  private readonly accounts = new Map<string, string>();

  async signIn(dto: SignInDto): Promise<{ accountId: string }> {
    const accountId = this.accounts.get(dto.email);
    if (!accountId) {
      throw new UnauthorizedException();
    }
    return { accountId };
  }

  async register(dto: SignInDto): Promise<{ accountId: string }> {
    const accountId = String(this.accounts.size + 1);
    this.accounts.set(dto.email, accountId);
    return { accountId };
  }
}
