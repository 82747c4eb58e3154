// NestJS users service logging through the framework Logger.
import { Injectable, Logger, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { User } from './user.entity';
import { CreateUserDto, ResetPasswordDto } from './dto';
import { maskPhone } from '../common/masking';

@Injectable()
export class UsersService {
  private readonly logger = new Logger(UsersService.name);

  constructor(@InjectRepository(User) private readonly users: Repository<User>) {}

  async create(dto: CreateUserDto, currentUser: User): Promise<User> {
    // expect: logging/whole-object-in-log
    this.logger.debug('create user requested by', JSON.stringify(currentUser));
    // expect: logging/personal-data-in-log
    this.logger.log(`Registering ${dto.email} (${dto.firstName} ${dto.lastName})`);
    // ok: logging/personal-data-in-log
    this.logger.log(`Registering a new user, ${dto.marketingOptIn ? 'opted in' : 'opted out'}`);
    const user = await this.users.save(this.users.create(dto));
    // expect: logging/whole-object-in-log
    this.logger.verbose({ created: user });
    // ok: logging/whole-object-in-log
    this.logger.verbose({ created: user.id, users: await this.users.count() });
    return user;
  }

  async findByPhone(phone: string): Promise<User> {
    const user = await this.users.findOne({ where: { phone } });
    if (!user) {
      // expect: logging/personal-data-in-log
      this.logger.warn(`no user with phone ${phone}`);
      // ok: logging/personal-data-in-log
      this.logger.warn(`no user with phone ${maskPhone(phone)}`);
      throw new NotFoundException();
    }
    return user;
  }

  async resetPassword(userId: string, dto: ResetPasswordDto): Promise<void> {
    // expect: logging/secret-in-log
    Logger.debug(`reset for ${userId}: ${dto.newPassword}`, UsersService.name);
    // expect: logging/secret-in-log
    this.logger.log({ userId, resetToken: dto.token as string });
    // ok: logging/secret-in-log
    this.logger.log({ userId, passwordLength: dto.newPassword.length, tokenType: 'reset' });
    // ok: logging/secret-in-log
    Logger.log('password reset requested', UsersService.name);
    await this.users.update(userId, { passwordHash: await this.hash(dto.newPassword) });
  }

  private async hash(value: string): Promise<string> {
    const { hash } = await import('bcrypt');
    return hash(value, 12);
  }
}
