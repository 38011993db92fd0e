import { Controller, Delete, Get, HttpCode, HttpStatus, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Principal} from '@tideway/server';
import { CurrentPrincipal, RequireScopes, ResourceId, ValidBody } from '@tideway/server';
import type { CreateUserDto} from './create-user.dto';
import { createUserSchema } from './create-user.dto';
import type { Member } from './member';
import type { UpdateUserDto} from './update-user.dto';
import { updateUserSchema } from './update-user.dto';
import { UsersService } from './users.service';

const MEMBER = '{id, email, role, createdAt}';

@ApiTags('users')
@Controller('api/v1/users')
@RequireScopes('admin')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @ApiOkResponse({ description: `{data: [${MEMBER}]}: the people of the current workspace` })
  async list(@CurrentPrincipal() principal: Principal): Promise<{ data: Member[] }> {
    return { data: await this.users.list(principal) };
  }

  @Post()
  @ApiCreatedResponse({
    description: `${MEMBER}; 409 if already a member, 403 if a non-owner adds an owner`,
  })
  add(
    @CurrentPrincipal() principal: Principal,
    @ValidBody(createUserSchema) input: CreateUserDto,
  ): Promise<Member> {
    return this.users.add(principal, input);
  }

  @Patch(':id')
  @ApiOkResponse({
    description: `${MEMBER}; 409 when it would leave the workspace without an owner`,
  })
  changeRole(
    @CurrentPrincipal() principal: Principal,
    @ResourceId('User') id: string,
    @ValidBody(updateUserSchema) input: UpdateUserDto,
  ): Promise<Member> {
    return this.users.changeRole(principal, id, input.role);
  }

  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse({
    description: 'Removes the person from the workspace (their account stays)',
  })
  remove(@CurrentPrincipal() principal: Principal, @ResourceId('User') id: string): Promise<void> {
    return this.users.remove(principal, id);
  }
}
