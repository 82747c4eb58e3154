// A NestJS controller with per-route throttling, mounted by the module below.
import { Body, Controller, Get, HttpCode, Module, Param, Post, UseGuards } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Throttle, ThrottlerGuard, ThrottlerModule } from '@nestjs/throttler';

interface Credentials {
  email: string;
  password: string;
}

@Controller('accounts')
export class AccountsController {
  // ok: rate-limiting/auth-route-without-limiter
  @Post('login')
  @UseGuards(ThrottlerGuard)
  @Throttle({ default: { limit: 5, ttl: 60000 } })
  @HttpCode(200)
  login(@Body() credentials: Credentials) {
    return { email: credentials.email };
  }

  // expect: rate-limiting/auth-route-without-limiter
  @Post('password/reset')
  @HttpCode(202)
  requestReset(@Body('email') email: string) {
    return { email };
  }

  // expect: rate-limiting/auth-route-without-limiter
  @Post('mfa/verify')
  verifyMfa(@Body('code') code: string) {
    return { valid: code.length === 6 };
  }

  // ok: rate-limiting/auth-route-without-limiter
  @Get(':id/tokens')
  listTokens(@Param('id') id: string) {
    return [{ id }];
  }
}

@Module({
  imports: [ThrottlerModule.forRoot([{ ttl: 60000, limit: 10 }])],
  controllers: [AccountsController],
})
export class AccountsModule {}

async function bootstrap() {
  const app = await NestFactory.create(AccountsModule);
  await app.listen(3000);
}

bootstrap();
