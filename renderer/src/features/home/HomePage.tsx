import { Alert, Box, Button, Card, CardActionArea, CardContent, Grid, Paper, Typography } from '@mui/material';
import { useUnitSettings } from '../../app/unit-settings-context';
import { navigate } from '../../app/router';
import { NAV_ITEMS } from '../../app/nav';

/** 首页: who we are and the quarterly job in order. */
export function HomePage() {
  const { settings, loaded } = useUnitSettings();
  const unitLine = [settings.city, settings.county, settings.street].filter(Boolean).join(' · ');
  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', gap: 2 }}>
      <Paper sx={{ p: 3 }}>
        <Typography variant="h5" data-testid="home-unit">
          {settings.street ? `${settings.street}社区规范化创建考评` : '社区规范化创建考评系统'}
        </Typography>
        <Typography color="text.secondary">{unitLine || '尚未设置单位信息'}</Typography>
        {loaded && !settings.street && (
          <Alert
            severity="warning"
            sx={{ mt: 2 }}
            action={
              <Button color="inherit" size="small" onClick={() => navigate('/settings')}>
                去设置
              </Button>
            }
          >
            请先在“系统设置”中填写所属城市、县区、街道名称和报告落款单位，它们会出现在标题栏和每一份通报上。
          </Alert>
        )}
      </Paper>
      <Typography variant="h6">每季度的工作顺序</Typography>
      <Grid container spacing={2}>
        {NAV_ITEMS.filter((n) => n.step).map((item) => (
          <Grid key={item.path} size={{ xs: 12, sm: 6, md: 3 }}>
            <Card variant="outlined" sx={{ height: '100%' }}>
              <CardActionArea onClick={() => navigate(item.path)} sx={{ height: '100%' }}>
                <CardContent>
                  <Typography variant="overline">第 {item.step} 步</Typography>
                  <Typography variant="h6">{item.label}</Typography>
                  <Typography variant="body2" color="text.secondary">
                    {item.description}
                  </Typography>
                </CardContent>
              </CardActionArea>
            </Card>
          </Grid>
        ))}
      </Grid>
    </Box>
  );
}
