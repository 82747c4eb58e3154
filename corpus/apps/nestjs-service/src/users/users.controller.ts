import { Body, Controller, Get, HttpCode, Param, Put } from '@nestjs/common';

// Mounted through UsersModule with no throttler guard anywhere above it.
@Controller('users')
export class UsersController {
  // expect: rate-limiting/auth-route-without-limiter
  @Put(':id/password')
  @HttpCode(204)
  changePassword(@Param('id') id: string, @Body('password') password: string) {
    return { id, length: password.length };
  }

  // ok: rate-limiting/auth-route-without-limiter
  @Get(':id')
  findOne(@Param('id') id: string) {
    return { id };
  }
}
