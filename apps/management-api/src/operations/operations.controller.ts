import { Controller, Get, HttpCode, Param, Post, Query, UseGuards } from '@nestjs/common';
import { CancelOperationHandler, OperationQueries } from '@maestro/application';
import { BasicAuthGuard } from '../auth/basic-auth.guard';
import { parseListOperationsQuery } from './list-operations.query';
import { presentOperation, presentOperationPage } from './operation.presenter';

/** Maestro's operation endpoints 10, 11 and 12 (reference §2.3). */
@Controller('schedulers/:schedulerName/operations')
@UseGuards(BasicAuthGuard)
export class OperationsController {
  constructor(
    private readonly queries: OperationQueries,
    private readonly cancelOperation: CancelOperationHandler,
  ) {}

  /** An unknown scheduler lists nothing (no existence check), as in Maestro. */
  @Get()
  async list(@Param('schedulerName') schedulerName: string, @Query() query: Record<string, unknown>) {
    return presentOperationPage(await this.queries.list(parseListOperationsQuery(schedulerName, query)));
  }

  @Get(':operationId')
  async get(@Param('schedulerName') schedulerName: string, @Param('operationId') operationId: string) {
    return { operation: presentOperation(await this.queries.get(schedulerName, operationId)) };
  }

  @Post(':operationId/cancel')
  @HttpCode(200)
  async cancel(@Param('schedulerName') schedulerName: string, @Param('operationId') operationId: string) {
    await this.cancelOperation.handle(schedulerName, operationId);
    return {};
  }
}
