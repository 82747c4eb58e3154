import { Body, Controller, HttpCode, Post, UseGuards } from '@nestjs/common';
import { Throttle, ThrottlerGuard } from '@nestjs/throttler';
import { AuthService, SignInDto } from './auth.service';

@Controller('auth')
@UseGuards(ThrottlerGuard)
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  // ok: rate-limiting/auth-route-without-limiter
  @Post('login')
  @HttpCode(200)
  @Throttle({ default: { limit: 5, ttl: 60000 } })
  login(@Body() dto: SignInDto) {
    return this.auth.signIn(dto);
  }

  // ok: rate-limiting/auth-route-without-limiter
  @Post('register')
  register(@Body() dto: SignInDto) {
    return this.auth.register(dto);
  }
}
