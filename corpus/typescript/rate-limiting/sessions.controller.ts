// Sessions behind a class-level ThrottlerGuard; one route opts out.
import { Body, Controller, Delete, Module, Post, UseGuards } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { SkipThrottle, ThrottlerGuard, ThrottlerModule } from '@nestjs/throttler';

@Controller('sessions')
@UseGuards(ThrottlerGuard)
export class SessionsController {
  // ok: rate-limiting/auth-route-without-limiter
  @Post('token')
  issue(@Body() body: { refreshToken: string }) {
    return { accessToken: body.refreshToken.slice(0, 8) };
  }

  @SkipThrottle()
  // expect: rate-limiting/auth-route-without-limiter
  @Post('otp')
  sendOtp(@Body('phone') phone: string) {
    return { phone };
  }

  // ok: rate-limiting/auth-route-without-limiter
  @Delete('token')
  revoke() {
    return { revoked: true };
  }
}

@Module({
  imports: [ThrottlerModule.forRoot([{ ttl: 60000, limit: 5 }])],
  controllers: [SessionsController],
})
export class SessionsModule {}

NestFactory.create(SessionsModule).then((app) => app.listen(3001));
