import { Injectable, ConflictException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import * as bcrypt from 'bcrypt';
import { hash } from 'bcryptjs';
import { CreateUserDto } from './dto/create-user.dto';
import { User } from './user.entity';

const COST = 12 as const;

@Injectable()
export class UsersService {
  constructor(@InjectRepository(User) private readonly users: Repository<User>) {}

  async create(dto: CreateUserDto): Promise<User> {
    const existing = await this.users.findOne({ where: { email: dto.email } });
    if (existing) {
      throw new ConflictException('email already registered');
    }
    // expect: hashing/bcrypt-below-policy
    const passwordHash: string = await bcrypt.hash(dto.password, 10);
    return this.users.save(this.users.create({ email: dto.email, passwordHash }));
  }

  async importLegacy(email: string, password: string): Promise<void> {
    // expect: hashing/bcrypt-low-cost
    const passwordHash = await hash(password, 5 as number);
    await this.users.save({ email, passwordHash });
  }

  async changePassword(user: User, password: string): Promise<void> {
    // ok: hashing/bcrypt-low-cost
    user.passwordHash = await bcrypt.hash(password, COST);
    // ok: hashing/bcrypt-low-cost, hashing/bcrypt-below-policy
    user.previousHash = await bcrypt.hash(password, 14);
    await this.users.save(user);
  }
}
