import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Patch,
  Post,
  Put,
  Query,
  UseGuards,
} from '@nestjs/common';
import {
  CreateSchedulerHandler,
  DeleteSchedulerHandler,
  NewSchedulerVersionHandler,
  SchedulerQueries,
  SwitchActiveVersionHandler,
} from '@maestro/application';
import { BasicAuthGuard } from '../auth/basic-auth.guard';
import { parseCreateSchedulerRequest } from './create-scheduler.request';
import { parseNewVersionRequest } from './new-version.request';
import { parsePatchSchedulerRequest } from './patch-scheduler.request';
import { parseSwitchVersionRequest } from './switch-version.request';
import { queryParameter } from './query-parameters';
import {
  presentScheduler,
  presentSchedulerInfo,
  presentSchedulerVersion,
  presentSchedulerWithoutSpec,
} from './scheduler.presenter';

/** Maestro's scheduler endpoints 1 to 9 (reference §2.3). */
@Controller('schedulers')
@UseGuards(BasicAuthGuard)
export class SchedulersController {
  constructor(
    private readonly createScheduler: CreateSchedulerHandler,
    private readonly newVersion: NewSchedulerVersionHandler,
    private readonly switchVersion: SwitchActiveVersionHandler,
    private readonly deleteScheduler: DeleteSchedulerHandler,
    private readonly queries: SchedulerQueries,
  ) {}

  @Get()
  async list(@Query() query: Record<string, unknown>) {
    const schedulers = await this.queries.list({
      name: queryParameter(query, 'name'),
      game: queryParameter(query, 'game'),
      version: queryParameter(query, 'version'),
    });
    return { schedulers: schedulers.map(presentSchedulerWithoutSpec) };
  }

  /** 200, not 201: Maestro answers every success with 200. */
  @Post()
  @HttpCode(200)
  async create(@Body() body: unknown) {
    const scheduler = await this.createScheduler.handle(parseCreateSchedulerRequest(body));
    return { scheduler: presentScheduler(scheduler) };
  }

  // A static segment wins over `:schedulerName` in the router whatever the order, so a scheduler
  // called "info" cannot be fetched by name, as in Maestro.
  @Get('info')
  async info(@Query() query: Record<string, unknown>) {
    const schedulers = await this.queries.info(queryParameter(query, 'game'));
    return { schedulers: schedulers.map(presentSchedulerInfo) };
  }

  @Get(':schedulerName')
  async get(@Param('schedulerName') name: string, @Query() query: Record<string, unknown>) {
    const scheduler = await this.queries.get(name, queryParameter(query, 'version'));
    return { scheduler: presentScheduler(scheduler) };
  }

  @Get(':schedulerName/versions')
  async versions(@Param('schedulerName') name: string) {
    const versions = await this.queries.versions(name);
    return { versions: versions.map(presentSchedulerVersion) };
  }

  /** A whole new version; the path's name wins over the body's. */
  @Post(':schedulerName')
  @HttpCode(200)
  async replace(@Param('schedulerName') name: string, @Body() body: unknown) {
    return { operationId: await this.newVersion.replace(parseNewVersionRequest(name, body)) };
  }

  @Patch(':schedulerName')
  async patch(@Param('schedulerName') name: string, @Body() body: unknown) {
    return { operationId: await this.newVersion.patch(name, parsePatchSchedulerRequest(body)) };
  }

  /** Switches the active version: a rollback when the version is older. */
  @Put(':schedulerName')
  async switch(@Param('schedulerName') name: string, @Body() body: unknown) {
    return { operationId: await this.switchVersion.handle(name, parseSwitchVersionRequest(body)) };
  }

  @Delete(':schedulerName')
  async delete(@Param('schedulerName') name: string) {
    return { operationId: await this.deleteScheduler.handle(name) };
  }
}
