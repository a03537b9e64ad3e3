import { useId, useState, type KeyboardEvent } from 'react';
import { Card, Col, Collapse, Empty, Grid, Row, Select, Spin, Statistic, Table } from 'antd';
import { Drawer } from '../../components/Drawer.tsx';
import { useQueryClient } from '@tanstack/react-query';
import { Link, useParams, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useLiveEvent } from '../../api/live.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { FullPageSpin } from '../../components/FullPageSpin.tsx';
import { Page } from '../../components/Page.tsx';
import {
  estateMapKey,
  householdsKey,
  useBuildingGrid,
  useEstateMap,
  type EstateMap,
  type Stage,
} from './households.api.ts';
import { Stages, useStageLabel } from './labels.tsx';
import { pct } from '../../components/ratio.ts';
import './households.css';

type MapBuilding = EstateMap['buildings'][number];

/** Sequential greens in five steps, light → deep; every building also prints its percentage. */
const PALETTE = ['#f1f8ec', '#c7e9c0', '#74c476', '#31a354', '#00612a'] as const;
const BINS = [0.2, 0.4, 0.6, 0.8] as const;

function colourOf(share: number | null): string {
  if (share === null) return '#f5f5f5'; // no households: no shade
  const index = BINS.findIndex((limit) => share < limit);
  return PALETTE[index === -1 ? PALETTE.length - 1 : index]!;
}

function percent(share: number | null): string {
  return pct(share, 0);
}

function centroid(outline: Array<[number, number]>): [number, number] {
  const x = outline.reduce((s, p) => s + p[0], 0) / outline.length;
  const y = outline.reduce((s, p) => s + p[1], 0) / outline.length;
  return [x, y];
}

interface LivePayload {
  estateId?: number;
  buildingId?: number;
}

/** 作战图: buildings on the site plan, shaded by the share of households at or past a stage; live. */
export function BattleMapPage() {
  const { t } = useTranslation();
  const stageLabel = useStageLabel();
  const estateId = Number(useParams().id);
  const [params, setParams] = useSearchParams();
  const stageParam = params.get('stage');
  // No stage in the address: the server answers with the one the estate is at (e.g. signing).
  const chosen: Stage | null = (Stages as readonly string[]).includes(stageParam ?? '')
    ? (stageParam as Stage)
    : null;
  const map = useEstateMap(estateId, chosen);
  const queryClient = useQueryClient();
  const [openBuilding, setOpenBuilding] = useState<MapBuilding | null>(null);
  const stageSelectId = useId();

  // Another screen recorded a visit, a signature…: re-colour without a reload.
  useLiveEvent('household', (payload) => {
    const data = (payload ?? {}) as LivePayload;
    if (data.estateId !== undefined && data.estateId !== estateId) return;
    void queryClient.invalidateQueries({ queryKey: estateMapKey(estateId) });
    void queryClient.invalidateQueries({
      queryKey: [...householdsKey, 'grid', data.buildingId ?? openBuilding?.id],
    });
  });

  if (map.isPending) return <FullPageSpin />;
  if (!map.data) {
    return (
      <Page title={t('households.map.title')}>
        <ErrorAlert error={map.error} title={t('errors.loadFailed')} onRetry={() => void map.refetch()} />
      </Page>
    );
  }
  const data = map.data;
  const stage = data.stage;
  const placed = data.buildings.filter((b) => b.outline && b.outline.length >= 3);
  const unplaced = data.buildings.filter((b) => !b.outline || b.outline.length < 3);

  return (
    <Page title={t('households.map.heading', { name: data.name })} intro={t('households.map.intro')}>
      <div className="gz-toolbar">
        <div className="gz-hh-field">
          <label htmlFor={stageSelectId} className="gz-toolbar-label">
            {t('households.map.stage')}
          </label>
          <Select
            id={stageSelectId}
            className="gz-hh-select-wide"
            value={stage}
            options={Stages.filter((s) => s !== 'not_visited').map((s) => ({
              value: s,
              label: t('households.map.stageOption', { stage: stageLabel(s) }),
            }))}
            onChange={(value: Stage) =>
              setParams((current) => {
                const next = new URLSearchParams(current);
                next.set('stage', value);
                return next;
              })
            }
          />
        </div>
        {map.isFetching ? <Spin size="small" aria-label={t('app.loading')} /> : null}
        <Link to={`/households?estateId=${estateId}&stage=${stage}`}>{t('households.map.listLink')}</Link>
      </div>
      <ErrorAlert error={map.error} title={t('errors.loadFailed')} />
      <Row gutter={[12, 12]} className="gz-hh-stats">
        <Col xs={8}>
          <Card size="small">
            <Statistic title={t('households.map.totalHouseholds')} value={data.totals.households} />
          </Card>
        </Col>
        <Col xs={8}>
          <Card size="small">
            <Statistic
              title={t('households.map.reached', { stage: stageLabel(stage) })}
              value={data.totals.reached}
            />
          </Card>
        </Col>
        <Col xs={8}>
          <Card size="small">
            <Statistic
              title={t('households.map.share')}
              value={data.totals.share === null ? '—' : Math.round(data.totals.share * 1000) / 10}
              suffix={data.totals.share === null ? undefined : '%'}
              aria-live="polite"
            />
          </Card>
        </Col>
      </Row>

      {placed.length > 0 ? (
        <SitePlan map={data} buildings={placed} stageName={stageLabel(stage)} onOpen={setOpenBuilding} />
      ) : null}
      <Legend />
      {unplaced.length > 0 ? (
        <section aria-label={t('households.map.unplaced')} className="gz-hh-unplaced">
          <h2 className="gz-section-title">{t('households.map.unplaced')}</h2>
          <div className="gz-hh-tiles">
            {unplaced.map((b) => (
              <button
                key={b.id}
                type="button"
                className="gz-hh-tile"
                data-building={b.number}
                style={{ background: colourOf(b.share), color: (b.share ?? 0) >= 0.6 ? '#fff' : '#1f1f1f' }}
                onClick={() => setOpenBuilding(b)}
                aria-label={t('households.map.buildingLabel', {
                  number: b.number,
                  stage: stageLabel(stage),
                  percent: percent(b.share),
                  reached: b.reached,
                  total: b.households,
                })}
              >
                <span className="gz-hh-tile-number">{b.number}</span>
                <span className="gz-hh-tile-share" data-share>
                  {b.households === 0 ? '—' : percent(b.share)}
                </span>
              </button>
            ))}
          </div>
        </section>
      ) : null}
      {data.buildings.length === 0 ? <Empty description={t('households.map.noBuildings')} /> : null}
      <BuildingTable map={data} stageName={stageLabel(stage)} onOpen={setOpenBuilding} />
      <BuildingDrawer building={openBuilding} onClose={() => setOpenBuilding(null)} />
    </Page>
  );
}

const PLAN_MARGIN = 24;

/**
 * The site plan's coordinates, cropped to the buildings (plus a margin): empty ground around the
 * estate says nothing, and on a phone every unit of width is needed for the labels.
 */
function viewBoxOf(plan: EstateMap['sitePlan'], buildings: MapBuilding[]) {
  const points = buildings.flatMap((b) => b.outline ?? []);
  if (points.length === 0) return { x: 0, y: 0, width: plan.width, height: plan.height };
  const xs = points.map((p) => p[0]);
  const ys = points.map((p) => p[1]);
  const x = Math.max(0, Math.min(...xs) - PLAN_MARGIN);
  const y = Math.max(0, Math.min(...ys) - PLAN_MARGIN);
  const right = Math.min(plan.width, Math.max(...xs) + PLAN_MARGIN);
  const bottom = Math.min(plan.height, Math.max(...ys) + PLAN_MARGIN);
  return { x, y, width: Math.max(right - x, 1), height: Math.max(bottom - y, 1) };
}

function SitePlan({
  map,
  buildings,
  stageName,
  onOpen,
}: {
  map: EstateMap;
  buildings: MapBuilding[];
  stageName: string;
  onOpen: (b: MapBuilding) => void;
}) {
  const { t } = useTranslation();
  const titleId = useId();
  const descId = useId();
  const { x, y, width, height } = viewBoxOf(map.sitePlan, buildings);
  const onKey = (event: KeyboardEvent<SVGGElement>, b: MapBuilding) => {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      onOpen(b);
    }
  };
  return (
    <div className="gz-hh-plan-scroll">
      {/* A group, not role="img": the buildings inside are buttons, and an image hides its children. */}
      <svg
        className="gz-hh-plan"
        viewBox={`${x} ${y} ${width} ${height}`}
        role="group"
        aria-labelledby={titleId}
        aria-describedby={descId}
      >
        <title id={titleId}>{t('households.map.svgTitle', { name: map.name, stage: stageName })}</title>
        <desc id={descId}>
          {t('households.map.svgDesc', {
            n: buildings.length,
            percent: percent(map.totals.share),
            reached: map.totals.reached,
            total: map.totals.households,
          })}
        </desc>
        <rect x={x} y={y} width={width} height={height} className="gz-hh-plan-ground" />
        {buildings.map((b) => {
          const outline = b.outline!;
          const [cx, cy] = centroid(outline);
          const empty = b.households === 0;
          const label = empty
            ? t('households.map.buildingEmpty', { number: b.number })
            : t('households.map.buildingLabel', {
                number: b.number,
                stage: stageName,
                percent: percent(b.share),
                reached: b.reached,
                total: b.households,
              });
          return (
            <g
              key={b.id}
              role="button"
              tabIndex={0}
              aria-label={label}
              className={empty ? 'gz-hh-building gz-hh-building-empty' : 'gz-hh-building'}
              data-building={b.number}
              onClick={() => onOpen(b)}
              onKeyDown={(e) => onKey(e, b)}
            >
              <title>{label}</title>
              <polygon points={outline.map((p) => p.join(',')).join(' ')} fill={colourOf(b.share)} />
              <text x={cx} y={cy - 3} className="gz-hh-building-number" textAnchor="middle">
                {b.number}
              </text>
              <text x={cx} y={cy + 10} className="gz-hh-building-share" textAnchor="middle" data-share>
                {empty ? '—' : percent(b.share)}
              </text>
            </g>
          );
        })}
      </svg>
    </div>
  );
}

function Legend() {
  const { t } = useTranslation();
  const bounds = [0, ...BINS.map((b) => b * 100), 100];
  return (
    <ul className="gz-hh-legend" aria-label={t('households.map.legend')}>
      {PALETTE.map((colour, i) => (
        <li key={colour}>
          <span className="gz-hh-swatch" style={{ background: colour }} aria-hidden />
          {i === PALETTE.length - 1
            ? t('households.map.binLast', { from: bounds[i] })
            : t('households.map.bin', { from: bounds[i], to: bounds[i + 1] })}
        </li>
      ))}
    </ul>
  );
}

function BuildingTable({
  map,
  stageName,
  onOpen,
}: {
  map: EstateMap;
  stageName: string;
  onOpen: (b: MapBuilding) => void;
}) {
  const { t } = useTranslation();
  if (map.buildings.length === 0) return null;
  return (
    <Collapse
      className="gz-hh-building-list"
      items={[
        {
          key: 'list',
          label: t('households.map.asTable', { n: map.buildings.length }),
          children: (
            <Table<MapBuilding>
              rowKey="id"
              size="small"
              pagination={false}
              dataSource={map.buildings}
              scroll={{ x: 'max-content' }}
              columns={[
                {
                  title: t('households.fields.building'),
                  dataIndex: 'number',
                  key: 'number',
                  render: (v: string, b) => (
                    <a
                      href="#"
                      onClick={(e) => {
                        e.preventDefault();
                        onOpen(b);
                      }}
                    >
                      {v}
                    </a>
                  ),
                },
                {
                  title: t('households.map.totalHouseholds'),
                  dataIndex: 'households',
                  key: 'households',
                  align: 'right',
                },
                {
                  title: t('households.map.reached', { stage: stageName }),
                  dataIndex: 'reached',
                  key: 'reached',
                  align: 'right',
                },
                {
                  title: t('households.map.share'),
                  dataIndex: 'share',
                  key: 'share',
                  align: 'right',
                  sorter: (a, b) => (a.share ?? -1) - (b.share ?? -1),
                  render: (v: number | null) => percent(v),
                },
              ]}
            />
          ),
        },
      ]}
    />
  );
}

function BuildingDrawer({ building, onClose }: { building: MapBuilding | null; onClose: () => void }) {
  const { t } = useTranslation();
  const stageLabel = useStageLabel();
  const screens = Grid.useBreakpoint();
  const grid = useBuildingGrid(building?.id ?? null);
  return (
    <Drawer
      open={building !== null}
      onClose={onClose}
      title={building ? t('households.map.gridTitle', { number: building.number }) : ''}
      size={screens.md ? 640 : '100%'}
    >
      <ErrorAlert error={grid.error} title={t('errors.loadFailed')} />
      {grid.isFetching && !grid.data ? <Spin /> : null}
      {grid.data ? (
        <>
          <p className="gz-hh-meta">{t('households.map.gridIntro')}</p>
          <div className="gz-hh-grid">
            {grid.data.floors.map((f) => (
              <section
                key={f.floor}
                className="gz-hh-grid-floor"
                aria-label={t('households.map.floor', { n: f.floor })}
              >
                <h3 className="gz-hh-grid-floor-label">{t('households.map.floor', { n: f.floor })}</h3>
                <div className="gz-hh-grid-flats">
                  {f.flats.map((flat) => (
                    <Link
                      key={flat.householdId}
                      to={`/households/${flat.householdId}`}
                      className={`gz-hh-flat gz-hh-flat-${Stages.indexOf(flat.stage)}`}
                      aria-label={t('households.map.flatLabel', {
                        room: flat.room,
                        name: flat.headName,
                        stage: stageLabel(flat.stage),
                      })}
                    >
                      <span className="gz-hh-flat-room">{flat.room}</span>
                      <span className="gz-hh-flat-stage">{stageLabel(flat.stage)}</span>
                      <span className="gz-hh-flat-name">{flat.headName}</span>
                    </Link>
                  ))}
                </div>
              </section>
            ))}
          </div>
          <h3 className="gz-hh-subtitle">{t('households.map.stageLegend')}</h3>
          <ul className="gz-hh-grid-legend">
            {Stages.map((s, i) => (
              <li key={s} className={`gz-hh-flat-${i} gz-hh-grid-key`}>
                {stageLabel(s)}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </Drawer>
  );
}
